package com.mobilityha.simulator.fault;

import com.mobilityha.simulator.events.ShardReadQuotas;
import com.mobilityha.simulator.instance.AwsError;
import com.mobilityha.simulator.instance.ConnectInstance;
import com.mobilityha.simulator.instance.InstanceRegistry;
import com.mobilityha.simulator.quota.ApiQuotas;
import com.mobilityha.simulator.quota.QuotaProfile;
import com.mobilityha.simulator.traffic.TrafficDistributionGroups;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The simulator's own admin API: fault controls per instance, the API quota profile, the observable state and reset (traffic distribution groups included). */
@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {
    private final InstanceRegistry instances;
    private final ConnectGuard guard;
    private final ApiQuotas quotas;
    private final ShardReadQuotas shardReadQuotas;
    private final TrafficDistributionGroups groups;

    AdminResource(InstanceRegistry instances, ConnectGuard guard, ApiQuotas quotas, ShardReadQuotas shardReadQuotas,
                  TrafficDistributionGroups groups) {
        this.instances = instances;
        this.guard = guard;
        this.quotas = quotas;
        this.shardReadQuotas = shardReadQuotas;
        this.groups = groups;
    }

    @GET
    @Path("/quotas")
    public Map<String, Object> quotaProfile() {
        return Map.of("profile", quotas.profile().name());
    }

    /** Switches the API quota profile ({@code {"profile": "aws-default" | "raised" | <file>}}), with full buckets. */
    @PUT
    @Path("/quotas")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> useQuotaProfile(Map<String, String> body) {
        String profile = body == null ? null : body.get("profile");
        if (profile == null || profile.isBlank()) {
            throw AwsError.invalidParameter("A JSON body {profile} is required");
        }
        try {
            quotas.use(QuotaProfile.load(profile));
        } catch (UncheckedIOException e) {
            throw AwsError.invalidParameter("Unknown quota profile: " + profile);
        }
        return quotaProfile();
    }

    @GET
    @Path("/instances")
    public List<Map<String, Object>> instances() {
        return instances.all().stream().map(i -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("instanceId", i.id());
            json.put("alias", i.alias());
            json.put("region", i.region());
            json.put("users", i.userCount());
            json.put("activeContacts", i.contacts().stream().filter(c -> c.disconnectedAt() == null).count());
            json.put("faults", guard.faults(i.id()));
            return json;
        }).toList();
    }

    @GET
    @Path("/instances/{instanceId}/faults")
    public FaultSettings faults(@PathParam("instanceId") String instanceId) {
        return guard.faults(instanceId);
    }

    @PUT
    @Path("/instances/{instanceId}/faults")
    @Consumes(MediaType.APPLICATION_JSON)
    public FaultSettings setFaults(@PathParam("instanceId") String instanceId, FaultSettings settings) {
        if (settings == null) {
            throw AwsError.invalidParameter("A JSON body {mode, latencyMs, throttle, errorRate} is required");
        }
        return guard.setFaults(instanceId, settings);
    }

    @DELETE
    @Path("/instances/{instanceId}/faults")
    public FaultSettings clearFaults(@PathParam("instanceId") String instanceId) {
        return guard.setFaults(instanceId, FaultSettings.HEALTHY);
    }

    @GET
    @Path("/instances/{instanceId}/agents/{username}")
    public Map<String, Object> agent(@PathParam("instanceId") String instanceId,
                                     @PathParam("username") String username) {
        ConnectInstance.UserView user = instances.require(instanceId).userByName(username);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("username", user.username());
        json.put("userId", user.id());
        json.put("status", user.status().name());
        json.put("statusSince", user.statusSince().toString());
        json.put("phoneType", user.phoneType());
        json.put("deskPhoneNumber", user.deskPhoneNumber());
        json.put("activeContacts", user.activeContacts().stream().map(ConnectInstance.ContactView::id).toList());
        return json;
    }

    @GET
    @Path("/instances/{instanceId}/contacts")
    public List<ConnectInstance.ContactView> contacts(@PathParam("instanceId") String instanceId) {
        return instances.require(instanceId).contacts();
    }

    @POST
    @Path("/reset")
    public Map<String, Object> reset() {
        guard.clear();
        quotas.use(quotas.profile());
        shardReadQuotas.refill();
        instances.all().forEach(ConnectInstance::reset);
        groups.reset();
        return Map.of("reset", instances.all().size());
    }
}
