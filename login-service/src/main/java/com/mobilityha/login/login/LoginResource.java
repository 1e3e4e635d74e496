package com.mobilityha.login.login;

import com.mobilityha.common.company.Company;
import com.mobilityha.common.company.CompanyDirectory;
import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.problem.ProblemType;
import com.mobilityha.login.sso.SsoCompleteRequest;
import com.mobilityha.login.sso.SsoLogin;
import com.mobilityha.login.sso.SsoStartRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Logins. Directory companies log in in one call; SSO companies start, sign in at their IdP, and complete. */
@Path("/api/v1/logins")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class LoginResource {
    private final CompanyDirectory companies;
    private final DirectoryLogin directoryLogin;
    private final SsoLogin ssoLogin;

    LoginResource(CompanyDirectory companies, DirectoryLogin directoryLogin, SsoLogin ssoLogin) {
        this.companies = companies;
        this.directoryLogin = directoryLogin;
        this.ssoLogin = ssoLogin;
    }

    @POST
    @Operation(summary = "Log in. Directory companies: {companyCode, username, password} → 201 {sessionToken, session}. "
            + "SSO companies: {companyCode, codeChallenge (PKCE S256), instanceRole?} → 201 {loginId, instance, "
            + "authorizationUrl, expiresAt}")
    public Response login(LoginRequest request) {
        LoginRequest.validateCompany(request);
        Company company = companies.require(request.companyCode());
        if (company.sso()) {
            if (request.password() != null) {
                throw new ProblemException(ProblemType.LOGIN_METHOD_NOT_AVAILABLE,
                        "This company signs in through its identity provider (SSO), not with a password here");
            }
            SsoStartRequest start = request.ssoStart();
            start.validate();
            return Response.status(Response.Status.CREATED).entity(ssoLogin.start(company, start)).build();
        }
        request.validateCredentials();
        return Response.status(Response.Status.CREATED).entity(directoryLogin.login(company, request)).build();
    }

    @POST
    @Path("/{loginId}/complete")
    @Operation(summary = "Complete an SSO login: {code, state, codeVerifier} from the IdP's redirect → 201 "
            + "{sessionToken, session}; the instance died meanwhile → 503 connect-instance-unavailable with retryWith")
    public Response complete(@PathParam("loginId") String loginId, SsoCompleteRequest request) {
        SsoCompleteRequest.validate(request);
        return Response.status(Response.Status.CREATED).entity(ssoLogin.complete(loginId, request)).build();
    }
}
