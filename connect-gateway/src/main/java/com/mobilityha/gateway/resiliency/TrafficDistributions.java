package com.mobilityha.gateway.resiliency;

import com.mobilityha.common.company.GlobalResiliency;
import com.mobilityha.common.instance.InstanceState;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import com.mobilityha.gateway.connect.ConnectCalls;
import com.mobilityha.gateway.connect.ConnectClients;
import com.mobilityha.gateway.health.InstanceHealth;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.connect.model.AgentConfig;
import software.amazon.awssdk.services.connect.model.Distribution;
import software.amazon.awssdk.services.connect.model.GetTrafficDistributionResponse;
import software.amazon.awssdk.services.connect.model.SignInConfig;
import software.amazon.awssdk.services.connect.model.SignInDistribution;
import software.amazon.awssdk.services.connect.model.TelephonyConfig;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A company's traffic distribution group, through the AWS SDK (API reference: GetTrafficDistribution,
 * UpdateTrafficDistribution; the group's ARN is accepted in both Regions of the pair, so every call goes to
 * an instance this site does not see DOWN). Reads are background work of the Connect budget; a shift is
 * an agent-facing write (the agents wait on it).
 */
@ApplicationScoped
public class TrafficDistributions {
    private final ConnectClients clients;
    private final ConnectCalls calls;
    private final InstanceHealth health;
    /** Group ARN → whether it is its instance's default group (DescribeTrafficDistributionGroup IsDefault, fixed). */
    private final Map<String, Boolean> defaultGroups = new ConcurrentHashMap<>();

    TrafficDistributions(ConnectClients clients, ConnectCalls calls, InstanceHealth health) {
        this.clients = clients;
        this.calls = calls;
        this.health = health;
    }

    /**
     * The instance of the pair the group distributes all its agents to (AgentConfig 100 %); empty while the
     * agents are split between the Regions, or the distribution could not be read this round.
     */
    public Optional<InstanceRef> agentsOn(GlobalResiliency pair) {
        GetTrafficDistributionResponse distribution = readInBackground(pair);
        if (distribution.agentConfig() == null || !distribution.agentConfig().hasDistributions()) {
            return Optional.empty();
        }
        return distribution.agentConfig().distributions().stream()
                .filter(d -> d.percentage() != null && d.percentage() == 100)
                .map(Distribution::region).findFirst()
                .flatMap(region -> List.of(pair.source(), pair.replica()).stream()
                        .filter(i -> i.region().equals(region)).findFirst());
    }

    /** The group's distribution now, read in the background budget (the gateway's own rounds). */
    public GetTrafficDistributionResponse readInBackground(GlobalResiliency pair) {
        InstanceRef via = reachable(pair, pair.replica());
        return calls.readInBackground(via, "GetTrafficDistribution",
                () -> clients.of(via).getTrafficDistribution(r -> r.id(pair.trafficDistributionGroup())));
    }

    /** The group's distribution now, read for an administrator who waits for it. */
    public GetTrafficDistributionResponse read(GlobalResiliency pair) {
        InstanceRef via = reachable(pair, pair.replica());
        return calls.read(via, "GetTrafficDistribution",
                () -> clients.of(via).getTrafficDistribution(r -> r.id(pair.trafficDistributionGroup())));
    }

    /**
     * Sends the group's telephony and agents wholly to {@code to}'s Region and allows sign-in only there,
     * calling from {@code to}'s Region (the one that works); a refusal is thrown as Connect's problem.
     */
    public void shiftTo(GlobalResiliency pair, InstanceRef to) {
        update(pair, to, 100, true);
    }

    /**
     * Sends {@code percentage} % of the group's telephony and agents to {@code to}'s Region (the rest to the
     * other), and with {@code signIn} allows sign-in only there when the group is a default one (the only kind
     * whose sign-in Connect changes; another group's agents sign in as the default group says), calling
     * from {@code to}'s Region; a refusal is thrown as Connect's problem and changes nothing.
     */
    public void update(GlobalResiliency pair, InstanceRef to, int percentage, boolean signIn) {
        InstanceRef from = other(pair, to);
        calls.write(to, "UpdateTrafficDistribution", () -> clients.of(to).updateTrafficDistribution(r -> {
            r.id(pair.trafficDistributionGroup())
                    .telephonyConfig(TelephonyConfig.builder().distributions(share(to, percentage), share(from, 100 - percentage)).build())
                    .agentConfig(AgentConfig.builder().distributions(share(to, percentage), share(from, 100 - percentage)).build());
            if (signIn && isDefault(pair, to)) {
                r.signInConfig(SignInConfig.builder().distributions(signIn(to, true), signIn(from, false)).build());
            }
        }));
    }

    /**
     * Whether the pair's group is its instance's default group, the only kind whose sign-in distribution
     * UpdateTrafficDistribution changes (agents of another group sign in as the default group says); asked
     * once with DescribeTrafficDistributionGroup, through {@code via}.
     */
    private boolean isDefault(GlobalResiliency pair, InstanceRef via) {
        Boolean known = defaultGroups.get(pair.trafficDistributionGroup());
        if (known != null) {
            return known;
        }
        boolean isDefault = Boolean.TRUE.equals(calls.read(via, "DescribeTrafficDistributionGroup",
                () -> clients.of(via).describeTrafficDistributionGroup(r -> r.trafficDistributionGroupId(
                        pair.trafficDistributionGroup())).trafficDistributionGroup().isDefault()));
        defaultGroups.put(pair.trafficDistributionGroup(), isDefault);
        return isDefault;
    }

    /** The share of the group's agents {@code instance}'s Region has in this distribution, in percent. */
    static int agentsShare(GetTrafficDistributionResponse distribution, InstanceRef instance) {
        return share(distribution.agentConfig() == null ? null : distribution.agentConfig().distributions(), instance);
    }

    /** The share of {@code instance}'s Region in a telephony or agent distribution (absent: 0), in percent. */
    static int share(List<Distribution> distributions, InstanceRef instance) {
        return distributions == null ? 0 : distributions.stream().filter(d -> instance.region().equals(d.region()))
                .map(Distribution::percentage).filter(p -> p != null).findFirst().orElse(0);
    }

    static InstanceRef other(GlobalResiliency pair, InstanceRef instance) {
        return pair.source().instanceId().equals(instance.instanceId()) ? pair.replica() : pair.source();
    }

    private InstanceRef reachable(GlobalResiliency pair, InstanceRef preferred) {
        return health.state(preferred.instanceId()) != InstanceState.DOWN ? preferred : other(pair, preferred);
    }

    private static Distribution share(InstanceRef instance, int percentage) {
        return Distribution.builder().region(instance.region()).percentage(percentage).build();
    }

    private static SignInDistribution signIn(InstanceRef instance, boolean enabled) {
        return SignInDistribution.builder().region(instance.region()).enabled(enabled).build();
    }
}
