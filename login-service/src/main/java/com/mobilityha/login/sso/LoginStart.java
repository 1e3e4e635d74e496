package com.mobilityha.login.sso;

import com.mobilityha.common.session.SessionRecord.InstanceRef;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/** A started SSO login as the app gets it: open {@code authorizationUrl}, then complete {@code loginId}. */
@RegisterForReflection
public record LoginStart(String loginId, InstanceRef instance, String authorizationUrl, Instant expiresAt) {
}
