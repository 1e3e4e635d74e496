package com.mobilityha.simulator.traffic;

import com.mobilityha.simulator.instance.AwsError;
import com.mobilityha.simulator.instance.ConnectInstance;
import com.mobilityha.simulator.seed.Seed;
import com.mobilityha.simulator.traffic.TrafficDistribution.Share;
import com.mobilityha.simulator.traffic.TrafficDistribution.SignIn;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One traffic distribution group: created in the source instance's Region, it links the source to
 * its replica. Its distribution changes only as UpdateTrafficDistribution allows (Amazon Connect
 * Administrator Guide, "Update telephony traffic distribution" and "Update agent distribution"):
 * both Regions, each once, shares in steps of 10 % adding up to 100 %, and a sign-in distribution
 * changed only on the default group. The group is its own lock; its users are a concurrent set, read
 * by the replica's call routing without it.
 */
public final class TrafficDistributionGroup {
    private final Seed.GroupSeed seed;
    private final ConnectInstance source;
    private final ConnectInstance replica;
    private final Set<String> users = ConcurrentHashMap.newKeySet();
    private TrafficDistribution distribution;
    private long callsToSource;
    private long callsToReplica;

    TrafficDistributionGroup(Seed.GroupSeed seed, ConnectInstance source, ConnectInstance replica) {
        this.seed = seed;
        this.source = source;
        this.replica = replica;
        reset();
    }

    /**
     * Back to the state the replica was made with: every call and agent in the source's Region, both
     * Regions' sign-in servers enabled (AWS's advice for regular operations), the seed's users only.
     */
    synchronized void reset() {
        distribution = new TrafficDistribution(
                List.of(new Share(source.region(), 100), new Share(replica.region(), 0)),
                List.of(new SignIn(source.region(), true), new SignIn(replica.region(), true)),
                List.of(new Share(source.region(), 100), new Share(replica.region(), 0)));
        callsToSource = 0;
        callsToReplica = 0;
        users.clear();
    }

    public String id() {
        return seed.id();
    }

    public String name() {
        return seed.name();
    }

    public boolean isDefault() {
        return seed.isDefault();
    }

    public String arn() {
        return "arn:aws:connect:" + source.region() + ":" + source.accountId() + ":traffic-distribution-group/" + seed.id();
    }

    public ConnectInstance source() {
        return source;
    }

    public ConnectInstance replica() {
        return replica;
    }

    /** The instance of the pair in this Region, or null. */
    public ConnectInstance instanceIn(String region) {
        return source.region().equals(region) ? source : replica.region().equals(region) ? replica : null;
    }

    public synchronized TrafficDistribution distribution() {
        return distribution;
    }

    /** Applies the members asked for (null: unchanged) once the whole request is valid, or changes nothing. */
    public synchronized void update(TrafficDistribution requested) {
        if (requested.telephony() == null && requested.signIn() == null && requested.agents() == null) {
            throw AwsError.invalidRequest("Provide the distribution to change: TelephonyConfig, SignInConfig or AgentConfig");
        }
        if (requested.telephony() != null) {
            checkShares("TelephonyConfig", requested.telephony());
        }
        if (requested.agents() != null) {
            checkShares("AgentConfig", requested.agents());
        }
        if (requested.signIn() != null) {
            checkRegions("SignInConfig", requested.signIn().stream().map(SignIn::region).toList());
            if (!isDefault() && !sameSignIn(requested.signIn())) {
                throw AwsError.invalidRequest("The SignInConfig distribution can be changed only on a default"
                        + " traffic distribution group; " + id() + " is not one");
            }
        }
        distribution = new TrafficDistribution(
                requested.telephony() != null ? ordered(requested.telephony()) : distribution.telephony(),
                requested.signIn() != null ? orderedSignIn(requested.signIn()) : distribution.signIn(),
                requested.agents() != null ? ordered(requested.agents()) : distribution.agents());
    }

    /**
     * The instance that takes the next inbound call to the group's numbers: the Region furthest
     * behind its telephony share (so 100/0 always the source, 50/50 alternately).
     */
    public synchronized ConnectInstance nextCall() {
        int sourceShare = share(distribution.telephony(), source.region());
        long calls = callsToSource + callsToReplica + 1;
        long sourceBehind = sourceShare * calls - 100 * callsToSource;
        long replicaBehind = (100 - sourceShare) * calls - 100 * callsToReplica;
        if (sourceShare > 0 && sourceBehind >= replicaBehind) {
            callsToSource++;
            return source;
        }
        callsToReplica++;
        return replica;
    }

    /** Associates a user (by username) with the group (AssociateTrafficDistributionGroupUser). */
    public void associate(String username) {
        users.add(username);
    }

    /** Whether the user may sign in to both Regions and process the replica's contacts. */
    public boolean associated(String username) {
        if (users.contains(username)) {
            return true;
        }
        for (String pattern : seed.associatedUsers() == null ? List.<String>of() : seed.associatedUsers()) {
            if (pattern.endsWith("*") ? username.startsWith(pattern.substring(0, pattern.length() - 1)) : pattern.equals(username)) {
                return true;
            }
        }
        return false;
    }

    private void checkShares(String member, List<Share> shares) {
        checkRegions(member, shares.stream().map(Share::region).toList());
        int sum = 0;
        for (Share share : shares) {
            if (share.percentage() < 0 || share.percentage() > 100 || share.percentage() % 10 != 0) {
                throw AwsError.invalidRequest(member + ": give the distribution in 10% increments ("
                        + share.region() + ": " + share.percentage() + ")");
            }
            sum += share.percentage();
        }
        if (sum != 100) {
            throw AwsError.invalidRequest(member + ": the total distribution must add up to 100% (it adds up to " + sum + "%)");
        }
    }

    /** Exactly the group's two Regions, each once. */
    private void checkRegions(String member, List<String> regions) {
        Set<String> expected = Set.of(source.region(), replica.region());
        if (regions.size() != 2 || !new HashSet<>(regions).equals(expected)) {
            throw AwsError.invalidRequest(member + ": specify the distribution for both linked Regions ("
                    + source.region() + ", " + replica.region() + "), each once; got " + regions);
        }
    }

    private boolean sameSignIn(List<SignIn> requested) {
        return orderedSignIn(requested).equals(distribution.signIn());
    }

    private List<Share> ordered(List<Share> shares) {
        List<Share> ordered = new ArrayList<>();
        for (String region : List.of(source.region(), replica.region())) {
            ordered.add(new Share(region, share(shares, region)));
        }
        return List.copyOf(ordered);
    }

    private List<SignIn> orderedSignIn(List<SignIn> signIns) {
        List<SignIn> ordered = new ArrayList<>();
        for (String region : List.of(source.region(), replica.region())) {
            signIns.stream().filter(s -> s.region().equals(region)).findFirst().ifPresent(ordered::add);
        }
        return List.copyOf(ordered);
    }

    private static int share(List<Share> shares, String region) {
        return shares.stream().filter(s -> s.region().equals(region)).mapToInt(Share::percentage).findFirst().orElse(0);
    }
}
