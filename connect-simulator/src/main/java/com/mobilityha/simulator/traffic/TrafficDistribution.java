package com.mobilityha.simulator.traffic;

import java.util.List;

/**
 * A traffic distribution group's distribution, as GetTrafficDistribution shows it and
 * UpdateTrafficDistribution asks for it (a member not asked for is null there).
 *
 * @param telephony which share of the inbound calls to the group's numbers each Region takes
 * @param signIn    which Regions' sign-in servers sign agents in (to both instances)
 * @param agents    which share of the group's agents each Region has
 */
public record TrafficDistribution(List<Share> telephony, List<SignIn> signIn, List<Share> agents) {

    /** A Region's share, in percent. */
    public record Share(String region, int percentage) {
    }

    /** Whether a Region's sign-in servers are used. */
    public record SignIn(String region, boolean enabled) {
    }
}
