package com.mobilityha.common.contract;

import com.mobilityha.common.problem.Validator;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Log a user in to Amazon Connect; the directory (or SSO) username is also the Connect username. The
 * phone number (E.164, optional) is where calls ring for desk-phone companies. Without
 * {@code instanceRole} the gateway tries the company's instances in order (S3); with it (an SSO
 * login, signed in through that instance's IdP application) only that instance.
 */
@RegisterForReflection
public record AgentLoginRequest(String companyCode, String username, String phoneNumber, String instanceRole) {

    /** A login on whichever instance answers first, primary first. */
    public AgentLoginRequest(String companyCode, String username, String phoneNumber) {
        this(companyCode, username, phoneNumber, null);
    }

    /** Checks every field; a missing body or field is an {@code invalid-request} problem. */
    public static void validate(AgentLoginRequest request) {
        Validator.of(request)
                .text("companyCode", request.companyCode(), 64, null)
                .text("username", request.username(), 128, null)
                .optionalText("phoneNumber", request.phoneNumber(), 16, Validator.E164)
                .optionalText("instanceRole", request.instanceRole(), 16, null)
                .done();
    }
}
