package com.mobilityha.login.sso;

import com.mobilityha.common.session.SessionRecord.InstanceRef;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * A started SSO login, kept until it is completed once or expires: the instance whose IdP
 * application the user signs in to, and what the completion must match (state, nonce, PKCE challenge).
 */
@RegisterForReflection
public record PendingLogin(String loginId, String companyCode, InstanceRef instance, String state, String nonce,
                           String codeChallenge, String phoneNumber, Instant expiresAt) {

    /** Never logged with its secrets. */
    @Override
    public String toString() {
        return "PendingLogin[loginId=" + loginId + ", companyCode=" + companyCode + ", instance=" + instance.role() + "]";
    }
}
