package com.mobilityha.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mobilityha.simulator.fault.ConnectGuard;
import com.mobilityha.simulator.instance.AwsError;
import com.mobilityha.simulator.instance.ConnectInstance;
import com.mobilityha.simulator.instance.InstanceRegistry;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

/** The Amazon Connect operations, at the paths and with the members the AWS SDK v2 uses. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class ConnectApiResource {
    private final InstanceRegistry instances;
    private final ConnectGuard guard;
    private final ObjectMapper mapper;

    ConnectApiResource(InstanceRegistry instances, ConnectGuard guard, ObjectMapper mapper) {
        this.instances = instances;
        this.guard = guard;
        this.mapper = mapper;
    }

    @GET
    @Path("instance/{InstanceId}")
    public Map<String, Object> describeInstance(@PathParam("InstanceId") String instanceId,
                                                @Context HttpServerRequest request) {
        ConnectInstance instance = enter(instanceId, "DescribeInstance", request);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("Id", instance.id());
        json.put("Arn", instance.arn(""));
        json.put("IdentityManagementType", "SAML");
        json.put("InstanceAlias", instance.alias());
        json.put("CreatedTime", Json.time(instance.createdAt()));
        json.put("InstanceStatus", "ACTIVE");
        json.put("InboundCallsEnabled", true);
        json.put("OutboundCallsEnabled", true);
        json.put("InstanceAccessUrl", "https://" + instance.alias() + ".my.connect.aws");
        return Map.of("Instance", json);
    }

    /** Where the instance streams data; AGENT_EVENTS names the Kinesis stream of its agent event stream. */
    @GET
    @Path("instance/{InstanceId}/storage-configs")
    public Map<String, Object> listInstanceStorageConfigs(@PathParam("InstanceId") String instanceId,
                                                          @QueryParam("resourceType") String resourceType,
                                                          @Context HttpServerRequest request) {
        ConnectInstance instance = enter(instanceId, "ListInstanceStorageConfigs", request);
        if (resourceType == null || resourceType.isBlank()) {
            throw AwsError.invalidParameter("resourceType is required");
        }
        if (!"AGENT_EVENTS".equals(resourceType)) {
            return Map.of("StorageConfigs", List.of());
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("AssociationId", instance.id() + "-agent-events");
        config.put("StorageType", "KINESIS_STREAM");
        config.put("KinesisStreamConfig", Map.of("StreamArn", instance.agentEventStreamArn()));
        return Map.of("StorageConfigs", List.of(config));
    }

    @GET
    @Path("agent-status/{InstanceId}")
    public Map<String, Object> listAgentStatuses(@PathParam("InstanceId") String instanceId,
                                                 @Context HttpServerRequest request) {
        ConnectInstance instance = enter(instanceId, "ListAgentStatuses", request);
        return Map.of("AgentStatusSummaryList",
                instance.statuses().stream().map(s -> Json.status(s, instance.region())).toList());
    }

    @POST
    @Path("search-users")
    public Map<String, Object> searchUsers(String body, @Context HttpServerRequest request) {
        JsonNode json = parse(body);
        ConnectInstance instance = enter(Json.requiredText(json, "InstanceId"), "SearchUsers", request);
        JsonNode condition = json.path("SearchCriteria").path("StringCondition");
        List<ConnectInstance.UserView> users = instance.searchUsers(Json.optionalText(condition, "FieldName"),
                Json.optionalText(condition, "Value"), Json.optionalText(condition, "ComparisonType"));
        int max = json.path("MaxResults").asInt(100);
        if (max < 1 || max > 500) {
            throw AwsError.invalidParameter("MaxResults must be between 1 and 500");
        }
        List<Map<String, Object>> page = new ArrayList<>();
        users.stream().limit(max).forEach(u -> page.add(Json.userSummary(u)));
        return Map.of("Users", page, "ApproximateTotalCount", users.size());
    }

    @GET
    @Path("users/{InstanceId}/{UserId}")
    public Map<String, Object> describeUser(@PathParam("InstanceId") String instanceId,
                                            @PathParam("UserId") String userId, @Context HttpServerRequest request) {
        return Map.of("User", Json.userSummary(enter(instanceId, "DescribeUser", request).user(userId)));
    }

    @PUT
    @Path("users/{InstanceId}/{UserId}/status")
    public Map<String, Object> putUserStatus(@PathParam("InstanceId") String instanceId,
                                             @PathParam("UserId") String userId, String body,
                                             @Context HttpServerRequest request) {
        JsonNode json = parse(body);
        enter(instanceId, "PutUserStatus", request).putUserStatus(userId, Json.requiredText(json, "AgentStatusId"));
        return Map.of();
    }

    @POST
    @Path("users/{InstanceId}/{UserId}/phone-config")
    public Map<String, Object> updateUserPhoneConfig(@PathParam("InstanceId") String instanceId,
                                                     @PathParam("UserId") String userId, String body,
                                                     @Context HttpServerRequest request) {
        JsonNode config = parse(body).path("PhoneConfig");
        if (!config.isObject()) {
            throw AwsError.invalidParameter("PhoneConfig is required");
        }
        enter(instanceId, "UpdateUserPhoneConfig", request).updatePhoneConfig(userId,
                Json.requiredText(config, "PhoneType"), Json.optionalText(config, "DeskPhoneNumber"),
                config.path("AutoAccept").asBoolean(false));
        return Map.of();
    }

    @POST
    @Path("metrics/userdata/{InstanceId}")
    public Map<String, Object> getCurrentUserData(@PathParam("InstanceId") String instanceId, String body,
                                                  @Context HttpServerRequest request) {
        JsonNode agents = parse(body).path("Filters").path("Agents");
        List<String> userIds = new ArrayList<>();
        agents.forEach(a -> userIds.add(a.asText()));
        List<ConnectInstance.UserView> users = enter(instanceId, "GetCurrentUserData", request).currentUserData(userIds);
        return Map.of("UserDataList", users.stream().map(Json::userData).toList(),
                "ApproximateTotalCount", users.size());
    }

    @PUT
    @Path("contact/outbound-voice")
    public Map<String, Object> startOutboundVoiceContact(String body, @Context HttpServerRequest request) {
        JsonNode json = parse(body);
        ConnectInstance instance = enter(Json.requiredText(json, "InstanceId"), "StartOutboundVoiceContact", request);
        Json.requiredText(json, "ContactFlowId");
        ConnectInstance.ContactView contact = instance.startOutboundVoiceContact(
                Json.requiredText(json, "DestinationPhoneNumber"), Json.optionalText(json, "QueueId"),
                Json.optionalText(json, "ClientToken"));
        return Map.of("ContactId", contact.id());
    }

    @POST
    @Path("contact/stop")
    public Map<String, Object> stopContact(String body, @Context HttpServerRequest request) {
        JsonNode json = parse(body);
        enter(Json.requiredText(json, "InstanceId"), "StopContact", request)
                .stopContact(Json.requiredText(json, "ContactId"));
        return Map.of();
    }

    @GET
    @Path("contacts/{InstanceId}/{ContactId}")
    public Map<String, Object> describeContact(@PathParam("InstanceId") String instanceId,
                                               @PathParam("ContactId") String contactId,
                                               @Context HttpServerRequest request) {
        return Map.of("Contact", Json.contact(enter(instanceId, "DescribeContact", request).contact(contactId)));
    }

    private ConnectInstance enter(String instanceId, String operation, HttpServerRequest request) {
        guard.enter(instanceId, operation, request);
        return instances.require(instanceId);
    }

    private JsonNode parse(String body) {
        return Json.object(mapper, body);
    }
}
