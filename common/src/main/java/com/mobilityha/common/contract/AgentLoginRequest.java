package com.mobilityha.common.contract;

import com.mobilityha.common.problem.Validator;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Log a user in to Amazon Connect; the directory username is also the Connect username. */
@RegisterForReflection
public record AgentLoginRequest(String companyCode, String username) {

    /** Checks every field; a missing body or field is an {@code invalid-request} problem. */
    public static void validate(AgentLoginRequest request) {
        Validator.of(request)
                .text("companyCode", request.companyCode(), 64, null)
                .text("username", request.username(), 128, null)
                .done();
    }
}
