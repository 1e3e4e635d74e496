package com.mobilityha.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mobilityha.simulator.fault.ConnectGuard;
import com.mobilityha.simulator.instance.AwsError;
import com.mobilityha.simulator.instance.ConnectInstance;
import com.mobilityha.simulator.instance.InstanceRegistry;
import com.mobilityha.simulator.traffic.TrafficDistribution;
import com.mobilityha.simulator.traffic.TrafficDistributionGroup;
import com.mobilityha.simulator.traffic.TrafficDistributionGroups;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Amazon Connect Global Resiliency's operations on traffic distribution groups, at the SDK's paths.
 * The Region a request was signed for is the regional endpoint it reached: the group's instance in
 * that Region is the one whose faults and API quotas apply, so a dead source Region leaves the
 * replica's Region answering.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class TrafficDistributionApiResource {
    private final TrafficDistributionGroups groups;
    private final InstanceRegistry instances;
    private final ConnectGuard guard;
    private final ObjectMapper mapper;

    TrafficDistributionApiResource(TrafficDistributionGroups groups, InstanceRegistry instances, ConnectGuard guard,
                                   ObjectMapper mapper) {
        this.groups = groups;
        this.instances = instances;
        this.guard = guard;
        this.mapper = mapper;
    }

    /** The groups of an instance (source or replica), or of every pair in the caller's Region; 1 to 10 a page. */
    @GET
    @Path("traffic-distribution-groups")
    public Map<String, Object> listTrafficDistributionGroups(@QueryParam("instanceId") String instanceId,
                                                             @QueryParam("maxResults") Integer maxResults,
                                                             @QueryParam("nextToken") String nextToken,
                                                             @Context HttpServerRequest request) {
        String region = guard.signingRegion(request);
        String instance = instanceId == null ? null : lastSegment(instanceId, "instance/");
        String charged = instance != null ? instance : groups.all().stream().map(g -> g.instanceIn(region))
                .filter(i -> i != null).map(ConnectInstance::id).findFirst().orElse("unknown");
        guard.enter(charged, "ListTrafficDistributionGroups", request);
        if (instance != null && (!instances.exists(instance) || !instances.require(instance).region().equals(region))) {
            throw AwsError.notFound("Instance not found for id: " + instanceId);
        }
        int max = maxResults == null ? 10 : maxResults;
        if (max < 1 || max > 10) {
            throw AwsError.invalidParameter("MaxResults must be between 1 and 10");
        }
        List<TrafficDistributionGroup> matching = groups.all().stream()
                .filter(g -> instance == null ? g.instanceIn(region) != null
                        : g.source().id().equals(instance) || g.replica().id().equals(instance))
                .toList();
        int from = start(nextToken, matching.size());
        List<Map<String, Object>> page = new ArrayList<>();
        matching.stream().skip(from).limit(max).forEach(g -> page.add(summary(g)));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("TrafficDistributionGroupSummaryList", page);
        if (from + max < matching.size()) {
            json.put("NextToken", String.valueOf(from + max));
        }
        return json;
    }

    @GET
    @Path("traffic-distribution-group/{TrafficDistributionGroupId}")
    public Map<String, Object> describeTrafficDistributionGroup(@PathParam("TrafficDistributionGroupId") String id,
                                                                @Context HttpServerRequest request) {
        TrafficDistributionGroup group = enter(id, "DescribeTrafficDistributionGroup", request);
        Map<String, Object> json = summary(group);
        json.put("Tags", Map.of());
        return Map.of("TrafficDistributionGroup", json);
    }

    @GET
    @Path("traffic-distribution/{Id}")
    public Map<String, Object> getTrafficDistribution(@PathParam("Id") String id, @Context HttpServerRequest request) {
        TrafficDistributionGroup group = enter(id, "GetTrafficDistribution", request);
        TrafficDistribution distribution = group.distribution();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("Id", group.id());
        json.put("Arn", group.arn());
        json.put("TelephonyConfig", distributions(distribution.telephony(), s -> Map.of("Region", s.region(), "Percentage", s.percentage())));
        json.put("SignInConfig", distributions(distribution.signIn(), s -> Map.of("Region", s.region(), "Enabled", s.enabled())));
        json.put("AgentConfig", distributions(distribution.agents(), s -> Map.of("Region", s.region(), "Percentage", s.percentage())));
        return json;
    }

    /** Changes the distribution; the whole request is valid or nothing changes. */
    @PUT
    @Path("traffic-distribution/{Id}")
    public Map<String, Object> updateTrafficDistribution(@PathParam("Id") String id, String body,
                                                         @Context HttpServerRequest request) {
        TrafficDistributionGroup group = enter(id, "UpdateTrafficDistribution", request);
        JsonNode json = Json.object(mapper, body);
        group.update(new TrafficDistribution(
                shares(json, "TelephonyConfig"),
                distributions(json, "SignInConfig", d -> new TrafficDistribution.SignIn(region(d), enabled(d))),
                shares(json, "AgentConfig")));
        return Map.of();
    }

    /** Associates a source instance's user with the group; only in the Region where the group was created. */
    @PUT
    @Path("traffic-distribution-group/{TrafficDistributionGroupId}/user")
    public Map<String, Object> associateTrafficDistributionGroupUser(@PathParam("TrafficDistributionGroupId") String id,
                                                                     String body, @Context HttpServerRequest request) {
        TrafficDistributionGroup group = enter(id, "AssociateTrafficDistributionGroupUser", request);
        JsonNode json = Json.object(mapper, body);
        String instanceId = lastSegment(Json.requiredText(json, "InstanceId"), "instance/");
        String userId = lastSegment(Json.requiredText(json, "UserId"), "agent/");
        if (!group.source().region().equals(guard.signingRegion(request))) {
            throw AwsError.invalidRequest("AssociateTrafficDistributionGroupUser can be called only in the Region where"
                    + " the traffic distribution group was created (" + group.source().region() + ")");
        }
        if (!instanceId.equals(group.source().id())) {
            throw AwsError.notFound("Instance not found for id: " + instanceId + " (the group's instance is "
                    + group.source().id() + ")");
        }
        group.associate(group.source().user(userId).username());
        return Map.of();
    }

    /** The group a request names, after the faults, authentication and quota of its instance in the caller's Region. */
    private TrafficDistributionGroup enter(String id, String operation, HttpServerRequest request) {
        String region = guard.signingRegion(request);
        TrafficDistributionGroup named = groups.find(id);
        ConnectInstance local = named == null ? null : named.instanceIn(region);
        guard.enter(local == null ? String.valueOf(id) : local.id(), operation, request);
        return groups.require(id, region);
    }

    private static Map<String, Object> summary(TrafficDistributionGroup group) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("Id", group.id());
        json.put("Arn", group.arn());
        json.put("Name", group.name());
        json.put("InstanceArn", group.source().arn(""));
        json.put("Status", "ACTIVE");
        json.put("IsDefault", group.isDefault());
        return json;
    }

    private static <T> Map<String, Object> distributions(List<T> entries, Function<T, Map<String, Object>> json) {
        return Map.of("Distributions", entries.stream().map(json).toList());
    }

    private static List<TrafficDistribution.Share> shares(JsonNode body, String member) {
        return distributions(body, member, d -> new TrafficDistribution.Share(region(d), percentage(d, member)));
    }

    /** A config's Distributions, or null when the request does not give the config. */
    private static <T> List<T> distributions(JsonNode body, String member, Function<JsonNode, T> entry) {
        JsonNode config = body.get(member);
        if (config == null || config.isNull()) {
            return null;
        }
        JsonNode distributions = config.get("Distributions");
        if (distributions == null || !distributions.isArray()) {
            throw AwsError.invalidRequest(member + ".Distributions is required");
        }
        List<T> entries = new ArrayList<>();
        distributions.forEach(d -> entries.add(entry.apply(d)));
        return entries;
    }

    private static String region(JsonNode distribution) {
        JsonNode region = distribution.get("Region");
        if (region == null || !region.isTextual()) {
            throw AwsError.invalidRequest("Each distribution needs a Region");
        }
        return region.asText();
    }

    private static int percentage(JsonNode distribution, String member) {
        JsonNode percentage = distribution.get("Percentage");
        if (percentage == null || !percentage.isIntegralNumber()) {
            throw AwsError.invalidRequest(member + ": each distribution needs a whole-number Percentage");
        }
        return percentage.asInt();
    }

    private static boolean enabled(JsonNode distribution) {
        JsonNode enabled = distribution.get("Enabled");
        if (enabled == null || !enabled.isBoolean()) {
            throw AwsError.invalidRequest("SignInConfig: each distribution needs Enabled");
        }
        return enabled.asBoolean();
    }

    private static int start(String nextToken, int size) {
        if (nextToken == null) {
            return 0;
        }
        try {
            int from = Integer.parseInt(nextToken);
            if (from >= 0 && from <= size) {
                return from;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal
        }
        throw AwsError.invalidRequest("Invalid NextToken");
    }

    /** The id at the end of an ARN ({@code …/instance/<id>}, {@code …/agent/<id>}), or the id itself. */
    private static String lastSegment(String idOrArn, String marker) {
        int at = idOrArn.lastIndexOf(marker);
        return idOrArn.startsWith("arn:") && at >= 0 ? idOrArn.substring(at + marker.length()) : idOrArn;
    }
}
