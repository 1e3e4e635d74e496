/** At-least-once consumption of Redis Streams by consumer groups, shared by the services that deliver events. */
package com.mobilityha.common.stream;
