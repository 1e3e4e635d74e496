package com.mobilityha.simulator.traffic;

import com.mobilityha.simulator.instance.AwsError;
import com.mobilityha.simulator.instance.InstanceRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The seed's traffic distribution groups, and how a request names one: by id or ARN in the Region
 * where it was created (the source's), by ARN only in the replica's Region (API reference,
 * UpdateTrafficDistribution {@code Id}), unknown to any other Region. A replica's agents take its
 * calls only once associated to one of its groups.
 */
@ApplicationScoped
public class TrafficDistributionGroups {
    private static final Pattern ARN = Pattern.compile("arn:(?:aws|aws-us-gov):connect:([a-z]{2}-[a-z-]+-[0-9]):([0-9]{1,20})"
            + ":traffic-distribution-group/([a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12})");
    private static final Pattern ID = Pattern.compile("[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}");

    private final Map<String, TrafficDistributionGroup> groups = new LinkedHashMap<>();

    TrafficDistributionGroups(InstanceRegistry instances) {
        for (InstanceRegistry.ReplicaPair pair : instances.pairs()) {
            List<TrafficDistributionGroup> ofPair = new ArrayList<>();
            pair.groups().forEach(seed -> ofPair.add(new TrafficDistributionGroup(seed, pair.source(), pair.replica())));
            ofPair.forEach(group -> groups.put(group.id(), group));
            pair.replica().offerCallsOnlyTo(username -> ofPair.stream().anyMatch(group -> group.associated(username)));
        }
    }

    /** The group an id or ARN names, whatever the Region (to pick whose faults and quotas apply), or null. */
    public TrafficDistributionGroup find(String idOrArn) {
        Matcher arn = idOrArn == null ? null : ARN.matcher(idOrArn);
        return arn != null && arn.matches() ? groups.get(arn.group(3)) : idOrArn == null ? null : groups.get(idOrArn);
    }

    /** The group a request signed for {@code region} names, or the error AWS answers. */
    public TrafficDistributionGroup require(String idOrArn, String region) {
        Matcher arn = idOrArn == null ? null : ARN.matcher(idOrArn);
        boolean byArn = arn != null && arn.matches();
        if (!byArn && (idOrArn == null || !ID.matcher(idOrArn).matches())) {
            throw AwsError.invalidRequest("The identifier of a traffic distribution group is its id or ARN: " + idOrArn);
        }
        TrafficDistributionGroup group = find(idOrArn);
        if (group == null || byArn && !arn.group(1).equals(group.source().region())) {
            throw notFound(idOrArn);
        }
        if (byArn && !arn.group(2).equals(group.source().accountId())) {
            throw new AwsError(403, "AccessDeniedException", "You do not have sufficient access to perform this action.");
        }
        if (group.instanceIn(region) == null) {
            throw notFound(idOrArn);
        }
        if (!byArn && !region.equals(group.source().region())) {
            throw AwsError.notFound("Traffic distribution group not found for id: " + idOrArn
                    + " (outside the Region where it was created, name it by its ARN)");
        }
        return group;
    }

    /** Every group, in seed order. */
    public List<TrafficDistributionGroup> all() {
        return List.copyOf(groups.values());
    }

    /** Every group back to its seed. */
    public void reset() {
        groups.values().forEach(TrafficDistributionGroup::reset);
    }

    private static AwsError notFound(String idOrArn) {
        return AwsError.notFound("Traffic distribution group not found for id: " + idOrArn);
    }
}
