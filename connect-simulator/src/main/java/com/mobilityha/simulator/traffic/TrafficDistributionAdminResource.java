package com.mobilityha.simulator.traffic;

import com.mobilityha.simulator.customer.CustomerCallResource.InboundCall;
import com.mobilityha.simulator.instance.AwsError;
import com.mobilityha.simulator.instance.ConnectInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The traffic distribution groups as an operator sees them, and a customer calling one of a group's
 * phone numbers: the call lands in the Region its telephony distribution sends it to, and that
 * instance offers it as any inbound call (to the agent named, or the longest-idle one it may offer it to);
 * and a shift made by someone else than the mobility server (the AWS console).
 */
@Path("/admin/traffic-distribution-groups")
@Produces(MediaType.APPLICATION_JSON)
public class TrafficDistributionAdminResource {
    private final TrafficDistributionGroups groups;

    TrafficDistributionAdminResource(TrafficDistributionGroups groups) {
        this.groups = groups;
    }

    @GET
    public List<Map<String, Object>> groups() {
        return groups.all().stream().map(group -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", group.id());
            json.put("arn", group.arn());
            json.put("name", group.name());
            json.put("isDefault", group.isDefault());
            json.put("sourceInstanceId", group.source().id());
            json.put("replicaInstanceId", group.replica().id());
            json.put("distribution", group.distribution());
            return json;
        }).toList();
    }

    /** A customer calls a number claimed to the group ({@code {customerNumber, agent?}}) → 201 {instanceId, region, contact}. */
    @POST
    @Path("/{groupId}/calls")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response inbound(@PathParam("groupId") String groupId, InboundCall call) {
        if (call == null) {
            throw AwsError.invalidParameter("A JSON body {customerNumber, agent} is required");
        }
        TrafficDistributionGroup group = groups.find(groupId);
        if (group == null) {
            throw AwsError.notFound("Traffic distribution group not found for id: " + groupId);
        }
        ConnectInstance instance = group.nextCall();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("instanceId", instance.id());
        json.put("region", instance.region());
        json.put("contact", instance.inboundCall(call.customerNumber(), call.agent()));
        return Response.status(Response.Status.CREATED).entity(json).build();
    }

    /**
     * Someone else shifts the group (the AWS console, another tool): its telephony and agents wholly to the
     * instance in {@code region}, sign-in only there; validated as UpdateTrafficDistribution is. 200 with the
     * distribution now.
     */
    @POST
    @Path("/{groupId}/shift/{region}")
    public TrafficDistribution shift(@PathParam("groupId") String groupId, @PathParam("region") String region) {
        TrafficDistributionGroup group = groups.find(groupId);
        if (group == null) {
            throw AwsError.notFound("Traffic distribution group not found for id: " + groupId);
        }
        String other = group.source().region().equals(region) ? group.replica().region() : group.source().region();
        group.update(new TrafficDistribution(
                List.of(new TrafficDistribution.Share(region, 100), new TrafficDistribution.Share(other, 0)),
                List.of(new TrafficDistribution.SignIn(region, true), new TrafficDistribution.SignIn(other, false)),
                List.of(new TrafficDistribution.Share(region, 100), new TrafficDistribution.Share(other, 0))));
        return group.distribution();
    }
}
