package com.mobilityha.common.contract;

import com.mobilityha.common.problem.Validator;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import com.mobilityha.common.session.SessionRecord.SessionUser;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** What login-service asks for once the user is logged in to Amazon Connect. */
@RegisterForReflection
public record NewSessionRequest(String companyCode, SessionUser user, InstanceRef instance) {

    /** Checks every field; a missing body or field is an {@code invalid-request} problem. */
    public static void validate(NewSessionRequest request) {
        Validator validator = Validator.of(request)
                .text("companyCode", request.companyCode(), 64, null)
                .present("user", request.user())
                .present("instance", request.instance());
        SessionUser user = request.user();
        if (user != null) {
            validator.text("user.username", user.username(), 128, null)
                    .text("user.connectUserId", user.connectUserId(), 128, null);
        }
        InstanceRef instance = request.instance();
        if (instance != null) {
            validator.text("instance.role", instance.role(), 32, null)
                    .text("instance.instanceId", instance.instanceId(), 128, null)
                    .text("instance.region", instance.region(), 32, null);
        }
        validator.done();
    }
}
