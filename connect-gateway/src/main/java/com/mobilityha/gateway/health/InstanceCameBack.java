package com.mobilityha.gateway.health;

import com.mobilityha.common.session.SessionRecord.InstanceRef;

import java.time.Duration;

/**
 * Fired (asynchronously) on the site that recorded an instance leaving DOWN, once per epoch: the
 * fail-back policy (S9, B2) starts from it.

 *
 * @param detection time from its first good probe to this decision (null when unknown)
 */
public record InstanceCameBack(InstanceRef instance, long epoch, Duration detection) {
}
