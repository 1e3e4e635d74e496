package com.mobilityha.gateway.testing;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;

/** What the app sends the gateway on an agent's behalf, as the tests send it. */
public final class AgentRequests {
    private AgentRequests() {
    }

    /** The agent's status change: a call that always reaches Connect (PutUserStatus; the status list is cached). */
    public static Response setStatus(String sessionToken, String status) {
        return given().header("Authorization", "Bearer " + sessionToken).contentType(ContentType.JSON)
                .body("{\"status\":\"" + status + "\"}").put("/api/v1/agent/status");
    }
}
