package com.mobilityha.login.login;

import com.mobilityha.common.problem.Validator;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.regex.Pattern;

/** {@code POST /api/v1/logins}: the company code, and for directory (non-SSO) companies the credentials. */
@RegisterForReflection
public record LoginRequest(String companyCode, String username, String password) {
    static final Pattern COMPANY_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    /** The password is never part of the string form, so it cannot reach a log by accident. */
    @Override
    public String toString() {
        return "LoginRequest[companyCode=" + companyCode + ", username=" + username + "]";
    }

    static void validateCompany(LoginRequest request) {
        Validator.of(request).text("companyCode", request.companyCode(), 64, COMPANY_CODE).done();
    }

    void validateCredentials() {
        Validator.of(this)
                .text("username", username, 128, null)
                .text("password", password, 256, null)
                .done();
    }
}
