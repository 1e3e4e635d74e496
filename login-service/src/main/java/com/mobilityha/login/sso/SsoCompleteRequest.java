package com.mobilityha.login.sso;

import com.mobilityha.common.problem.Validator;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.regex.Pattern;

/** {@code POST /api/v1/logins/{loginId}/complete}: what the IdP's redirect brought, and the PKCE verifier. */
@RegisterForReflection
public record SsoCompleteRequest(String code, String state, String codeVerifier) {
    private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7E]+");

    /** Codes and verifiers are secrets: never part of the string form. */
    @Override
    public String toString() {
        return "SsoCompleteRequest[state=" + state + "]";
    }

    /** Checks the fields; an {@code invalid-request} problem names each bad one. */
    public static void validate(SsoCompleteRequest request) {
        Validator.of(request)
                .text("code", request.code(), 2048, PRINTABLE)
                .text("state", request.state(), 128, PRINTABLE)
                .text("codeVerifier", request.codeVerifier(), 128, Pkce.VERIFIER)
                .done();
    }
}
