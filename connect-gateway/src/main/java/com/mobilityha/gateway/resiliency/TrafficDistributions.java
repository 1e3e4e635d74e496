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
import java.util.Optional;

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
        InstanceRef via = reachable(pair, pair.replica());
        GetTrafficDistributionResponse distribution = calls.readInBackground(via, "GetTrafficDistribution",
                () -> clients.of(via).getTrafficDistribution(r -> r.id(pair.trafficDistributionGroup())));
        if (distribution.agentConfig() == null || !distribution.agentConfig().hasDistributions()) {
            return Optional.empty();
        }
        return distribution.agentConfig().distributions().stream()
                .filter(d -> d.percentage() != null && d.percentage() == 100)
                .map(Distribution::region).findFirst()
                .flatMap(region -> List.of(pair.source(), pair.replica()).stream()
                        .filter(i -> i.region().equals(region)).findFirst());
    }

    /**
     * Sends the group's telephony and agents wholly to {@code to}'s Region and allows sign-in only there,
     * calling from {@code to}'s Region (the one that works); a refusal is thrown as Connect's problem.
     */
    public void shiftTo(GlobalResiliency pair, InstanceRef to) {
        InstanceRef from = other(pair, to);
        calls.write(to, "UpdateTrafficDistribution", () -> clients.of(to).updateTrafficDistribution(r -> r
                .id(pair.trafficDistributionGroup())
                .telephonyConfig(TelephonyConfig.builder().distributions(share(to, 100), share(from, 0)).build())
                .signInConfig(SignInConfig.builder().distributions(signIn(to, true), signIn(from, false)).build())
                .agentConfig(AgentConfig.builder().distributions(share(to, 100), share(from, 0)).build())));
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
