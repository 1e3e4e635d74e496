package com.mobilityha.simulator.customer;

import com.mobilityha.simulator.instance.AwsError;
import com.mobilityha.simulator.instance.ConnectInstance;
import com.mobilityha.simulator.instance.ConnectInstance.ContactView;
import com.mobilityha.simulator.instance.InstanceRegistry;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * What customers and agents do to contacts outside the Connect API, so tests can cause it: a customer
 * calls in, the agent's phone answers or misses it, the customer hangs up, the agent transfers it.
 * Every change reaches the agent event stream as Connect would publish it.
 */
@Path("/admin/calls/{instanceId}")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerCallResource {
    private final InstanceRegistry instances;

    CustomerCallResource(InstanceRegistry instances) {
        this.instances = instances;
    }

    /** A customer calls ({@code {customerNumber, agent?}}): offered to that agent, or to the longest-idle available one. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response inbound(@PathParam("instanceId") String instanceId, InboundCall call) {
        if (call == null) {
            throw AwsError.invalidParameter("A JSON body {customerNumber, agent} is required");
        }
        ContactView contact = instance(instanceId).inboundCall(call.customerNumber(), call.agent());
        return Response.status(Response.Status.CREATED).entity(contact).build();
    }

    /** The agent's phone answers a ringing contact ({@code answer}) or does not ({@code miss}), or the customer hangs up. */
    @POST
    @Path("/{contactId}/{action:answer|miss|customer-hang-up}")
    public ContactView act(@PathParam("instanceId") String instanceId, @PathParam("contactId") String contactId,
                           @PathParam("action") String action) {
        ConnectInstance instance = instance(instanceId);
        switch (action) {
            case "answer" -> instance.answer(contactId);
            case "miss" -> instance.miss(contactId);
            default -> instance.customerHangUp(contactId);
        }
        return instance.contact(contactId);
    }

    /** Transfers a connected contact to another agent ({@code {agent}}); the new contact. */
    @POST
    @Path("/{contactId}/transfer")
    @Consumes(MediaType.APPLICATION_JSON)
    public ContactView transfer(@PathParam("instanceId") String instanceId, @PathParam("contactId") String contactId,
                                InboundCall to) {
        return instance(instanceId).transfer(contactId, to == null ? null : to.agent());
    }

    private ConnectInstance instance(String instanceId) {
        return instances.require(instanceId);
    }

    /** A customer's call: their number and, optionally, the agent (username) it is offered to. */
    @RegisterForReflection
    public record InboundCall(String customerNumber, String agent) {
    }
}
