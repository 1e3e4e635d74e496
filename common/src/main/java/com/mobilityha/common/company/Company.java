package com.mobilityha.common.company;

import com.mobilityha.common.session.SessionRecord.InstanceRef;

import java.util.List;
import java.util.Optional;

/**
 * A company (tenant) with its sites and Connect instances ordered primary first.
 *
 * @param code             company code the app's user types
 * @param name             display name
 * @param sso              login through the company IdP (true) or its directory (false)
 * @param mobilityServers  sites, primary first
 * @param connectInstances Connect instances, primary first
 * @param directory        the directory for non-SSO logins
 * @param failbackPolicy   what the primary instance coming back does (S9, B2)
 * @param phoneType        how the company's agents take calls
 * @param allowedApps      the apps whose devices may register for pushes
 * @param dialing          the numbers agents may dial and ring
 * @param globalResiliency the instances as an Amazon Connect Global Resiliency pair; empty: independent instances
 * @param reachability     what the reachability watchdog does for the company's agents (B8)
 */
public record Company(String code, String name, boolean sso, List<MobilityServer> mobilityServers,
                      List<InstanceRef> connectInstances, Optional<CompaniesConfig.DirectoryConfig> directory,
                      FailbackPolicy failbackPolicy, PhoneType phoneType, List<String> allowedApps,
                      DialingRules dialing, Optional<GlobalResiliency> globalResiliency,
                      ReachabilityWatch reachability) {

    /** A mobility site of the company. */
    public record MobilityServer(String role, String baseUrl) {
    }

    /** The instance a new login tries first. */
    public Optional<InstanceRef> primaryInstance() {
        return connectInstances.stream().findFirst();
    }

    public Optional<InstanceRef> instance(String instanceId) {
        return connectInstances.stream().filter(i -> i.instanceId().equals(instanceId)).findFirst();
    }
}
