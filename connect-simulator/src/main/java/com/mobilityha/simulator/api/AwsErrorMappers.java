package com.mobilityha.simulator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.mobilityha.simulator.fault.ConnectGuard;
import com.mobilityha.simulator.instance.AwsError;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Map;

/** Errors exactly as AWS answers them: status, {@code x-amzn-ErrorType} header and {@code {"Message"}} body. */
public class AwsErrorMappers {

    @ServerExceptionMapper
    public Response awsError(AwsError e) {
        return answer(e.status(), e.errorType(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        return answer(400, "SerializationException", "Request body could not be deserialized");
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json);
        }
        int status = e.getResponse().getStatus();
        return answer(status, status == 404 ? "UnknownOperationException" : "InvalidRequestException",
                e.getMessage());
    }

    @ServerExceptionMapper
    public Response dropped(ConnectGuard.ConnectionDropped e) {
        // The socket is already closed: nothing of this reaches the client.
        return Response.status(502).build();
    }

    static Response answer(int status, String errorType, String message) {
        return Response.status(status)
                .header("x-amzn-ErrorType", errorType)
                .header("x-amzn-RequestId", java.util.UUID.randomUUID().toString())
                .type(MediaType.APPLICATION_JSON)
                .entity(Map.of("Message", message == null ? errorType : message))
                .build();
    }
}
