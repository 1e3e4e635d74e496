package com.mobilityha.gateway.health;

import com.mobilityha.common.session.SessionRecord.InstanceRef;

/** Fired (asynchronously) on the site that recorded an instance's DOWN transition, once per epoch. */
public record InstanceWentDown(InstanceRef instance, long epoch) {
}
