package com.mobilityha.gateway.health;

import com.mobilityha.common.session.SessionRecord.InstanceRef;

import java.time.Duration;

/**
 * Fired (asynchronously) on the site that recorded an instance's DOWN transition, once per epoch.
 *
 * @param detection time from the instance's last answer to this decision (null when it never answered)
 */
public record InstanceWentDown(InstanceRef instance, long epoch, Duration detection) {
}
