package com.mobilityha.login.sso;

import com.mobilityha.common.problem.Validator;

/**
 * What an SSO login starts from, besides the company code: the app's PKCE challenge (S256), the
 * instance to sign in to when the app restarts after the IdP refused (S5), and the desk-phone number.
 */
public record SsoStartRequest(String codeChallenge, String codeChallengeMethod, String instanceRole,
                              String phoneNumber) {

    /** Checks the fields; an {@code invalid-request} problem names each bad one. */
    public void validate() {
        Validator.of(this)
                .text("codeChallenge", codeChallenge, 43, Pkce.CHALLENGE)
                .check(codeChallengeMethod == null || "S256".equals(codeChallengeMethod), "codeChallengeMethod",
                        "only S256 is accepted")
                .optionalText("instanceRole", instanceRole, 16, null)
                .optionalText("phoneNumber", phoneNumber, 16, Validator.E164)
                .done();
    }
}
