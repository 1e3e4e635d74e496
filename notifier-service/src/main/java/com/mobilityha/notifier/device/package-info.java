/** Push registrations of a session's devices (PUT /api/v1/devices/current), kept in Redis. */
package com.mobilityha.notifier.device;
