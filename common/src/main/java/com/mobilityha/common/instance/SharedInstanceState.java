package com.mobilityha.common.instance;

import java.time.Instant;

/**
 * A Connect instance's state as both sites share it ({@code mha:connect-instance:<id>}).
 *
 * @param state the state
 * @param since when it was recorded
 * @param by    the site that recorded it
 * @param epoch how many transitions it has had (0: only its first state was recorded)
 */
public record SharedInstanceState(InstanceState state, Instant since, String by, long epoch) {
}
