package com.mobilityha.gateway.health;

import com.mobilityha.common.session.SessionRecord.InstanceRef;

/**
 * Fired (asynchronously) on the site that recorded an instance leaving DOWN, once per epoch: the
 * fail-back policy (S9, B2) starts from it.
 */
public record InstanceCameBack(InstanceRef instance, long epoch) {
}
