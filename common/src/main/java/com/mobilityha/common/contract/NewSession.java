package com.mobilityha.common.contract;

import com.mobilityha.common.session.SessionRecord;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A created session and its bearer token; the only time the token leaves the server. */
@RegisterForReflection
public record NewSession(String sessionToken, SessionRecord session) {
}
