/**
 * Push registrations of a session's devices (PUT /api/v1/devices/current), kept in Redis, a few per
 * session (the oldest goes); refused for apps the company does not allow and for platforms the
 * deployment does not push to ({@link com.mobilityha.notifier.device.PushPlatforms}).
 */
package com.mobilityha.notifier.device;
