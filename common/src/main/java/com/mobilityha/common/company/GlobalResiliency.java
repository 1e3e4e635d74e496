package com.mobilityha.common.company;

import com.mobilityha.common.session.SessionRecord.InstanceRef;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A company's two Connect instances as an Amazon Connect Global Resiliency pair: the source instance,
 * its replica in the paired Region (same users, by username) and the traffic distribution group
 * whose telephony, sign-in and agent distribution say which Region works.
 *
 * @param source                    the source instance, where the group was created
 * @param replica                   its replica, in another Region
 * @param trafficDistributionGroup  the group's ARN (accepted in both Regions; its id only in the source's)
 * @param policy                    who shifts the traffic when the source's Region fails
 */
public record GlobalResiliency(InstanceRef source, InstanceRef replica, String trafficDistributionGroup,
                               GlobalResiliencyPolicy policy) {
    /** A traffic distribution group's ARN (API reference, TrafficDistributionGroup {@code Arn}); group 1 is its Region. */
    private static final Pattern GROUP_ARN = Pattern.compile("arn:aws(?:-us-gov)?:connect:([a-z]{2}-[a-z]+-[0-9]):[0-9]{1,20}"
            + ":traffic-distribution-group/[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}");

    /** The pair of a company's configuration; a setting that cannot make one fails the start, naming it. */
    static GlobalResiliency of(String companyCode, CompaniesConfig.GlobalResiliencyConfig config,
                               List<InstanceRef> instances) {
        String setting = "mobility.companies." + companyCode + ".global-resiliency.";
        InstanceRef source = instance(setting + "source", config.source(), instances);
        InstanceRef replica = instance(setting + "replica", config.replica(), instances);
        if (source.equals(replica)) {
            throw new IllegalArgumentException(setting + "replica: '" + config.replica()
                    + "' is the source instance; the replica is the other instance of the pair");
        }
        if (source.region().equals(replica.region())) {
            throw new IllegalArgumentException(setting + "replica: the replica is in " + replica.region()
                    + " like the source; Global Resiliency replicates an instance to another Region");
        }
        Matcher arn = GROUP_ARN.matcher(config.trafficDistributionGroup().trim());
        if (!arn.matches()) {
            throw new IllegalArgumentException(setting + "traffic-distribution-group: '" + config.trafficDistributionGroup()
                    + "' is not a traffic distribution group ARN (arn:aws:connect:<region>:<account>:traffic-distribution-group/<id>)");
        }
        if (!arn.group(1).equals(source.region())) {
            throw new IllegalArgumentException(setting + "traffic-distribution-group: the group is in " + arn.group(1)
                    + " but a traffic distribution group is created in the source instance's Region, " + source.region());
        }
        return new GlobalResiliency(source, replica, config.trafficDistributionGroup().trim(), config.policy());
    }

    private static InstanceRef instance(String setting, String role, List<InstanceRef> instances) {
        return instances.stream().filter(i -> i.role().equals(role)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(setting + ": '" + role
                        + "' is none of the company's connect-instances ("
                        + String.join(", ", instances.stream().map(InstanceRef::role).toList()) + ")"));
    }
}
