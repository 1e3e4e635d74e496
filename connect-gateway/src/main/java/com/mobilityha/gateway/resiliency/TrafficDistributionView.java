package com.mobilityha.gateway.resiliency;

import com.mobilityha.common.company.GlobalResiliency;
import com.mobilityha.common.company.GlobalResiliencyPolicy;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import io.quarkus.runtime.annotations.RegisterForReflection;
import software.amazon.awssdk.services.connect.model.GetTrafficDistributionResponse;
import software.amazon.awssdk.services.connect.model.SignInDistribution;

import java.util.List;
import java.util.Map;

/**
 * A Global Resiliency company's traffic distribution as its administrator sees it: per Region of the pair, the
 * shares of telephony and agents the group sends there, whether sign-in is enabled there, and how many of the
 * company's agents work there now; and its latest shift (the wave in progress, or how the last one ended).
 */
@RegisterForReflection
public record TrafficDistributionView(String companyCode, GlobalResiliencyPolicy policy, List<RegionShare> regions,
                                      TrafficShift shift) {

    /**
     * One Region of the pair.
     *
     * @param role       the instance's role in the company's configuration
     * @param source     whether it is the source instance (the replica otherwise)
     * @param telephony  the share of inbound calls sent there, in percent
     * @param signIn     whether agents sign in through this Region
     * @param agents     the share of the group's agents distributed there, in percent
     * @param sessions   the company's signed-in agents working on this instance now
     */
    @RegisterForReflection
    public record RegionShare(String region, String role, String instanceId, boolean source, int telephony,
                              boolean signIn, int agents, long sessions) {
    }

    static TrafficDistributionView of(String companyCode, GlobalResiliency pair, GetTrafficDistributionResponse distribution,
                                      Map<String, Long> sessionsByInstance, TrafficShift shift) {
        List<RegionShare> regions = List.of(pair.source(), pair.replica()).stream().map(instance -> new RegionShare(
                instance.region(), instance.role(), instance.instanceId(), instance.equals(pair.source()),
                TrafficDistributions.share(distribution.telephonyConfig() == null ? null
                        : distribution.telephonyConfig().distributions(), instance),
                signIn(distribution, instance), TrafficDistributions.agentsShare(distribution, instance),
                sessionsByInstance.getOrDefault(instance.instanceId(), 0L))).toList();
        return new TrafficDistributionView(companyCode, pair.policy(), regions, shift);
    }

    private static boolean signIn(GetTrafficDistributionResponse distribution, InstanceRef instance) {
        return distribution.signInConfig() != null && distribution.signInConfig().distributions().stream()
                .filter(d -> instance.region().equals(d.region())).findFirst()
                .map(SignInDistribution::enabled).orElse(false);
    }
}
