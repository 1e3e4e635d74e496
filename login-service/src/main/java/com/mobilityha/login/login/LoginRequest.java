package com.mobilityha.login.login;

import com.mobilityha.common.problem.Validator;
import com.mobilityha.login.sso.SsoStartRequest;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.regex.Pattern;

/**
 * {@code POST /api/v1/logins}: the company code; for directory (non-SSO) companies the credentials;
 * for SSO companies the app's PKCE challenge and, when it restarts after the IdP refused (S5), the
 * instance role to sign in to; {@code phoneNumber} (E.164, optional) is the mobile number calls ring
 * on for companies whose agents use a desk phone.
 */
@RegisterForReflection
public record LoginRequest(String companyCode, String username, String password, String phoneNumber,
                           String codeChallenge, String codeChallengeMethod, String instanceRole) {
    static final Pattern COMPANY_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    /** The password is never part of the string form, so it cannot reach a log by accident. */
    @Override
    public String toString() {
        return "LoginRequest[companyCode=" + companyCode + ", username=" + username + "]";
    }

    static void validateCompany(LoginRequest request) {
        Validator.of(request).text("companyCode", request.companyCode(), 64, COMPANY_CODE).done();
    }

    /** The SSO part of the request. */
    SsoStartRequest ssoStart() {
        return new SsoStartRequest(codeChallenge, codeChallengeMethod, instanceRole, phoneNumber);
    }

    void validateCredentials() {
        Validator.of(this)
                .text("username", username, 128, null)
                .text("password", password, 256, null)
                .optionalText("phoneNumber", phoneNumber, 16, Validator.E164)
                .done();
    }
}
