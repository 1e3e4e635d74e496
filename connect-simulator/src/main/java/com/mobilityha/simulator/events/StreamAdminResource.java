package com.mobilityha.simulator.events;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;

/**
 * Puts a raw record into an agent event stream, as anything else writing to the same Kinesis stream
 * could (tests: records that are no valid agent event must be skipped, not stop the reader).
 */
@Path("/admin/streams/{streamName}/records")
public class StreamAdminResource {
    private final AgentEventStreams streams;

    StreamAdminResource(AgentEventStreams streams) {
        this.streams = streams;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response put(@PathParam("streamName") String streamName, @QueryParam("partitionKey") String partitionKey,
                        byte[] data) {
        streams.put(streamName, partitionKey == null ? "raw" : partitionKey, data == null ? new byte[0] : data, Instant.now());
        return Response.status(Response.Status.CREATED).build();
    }
}
