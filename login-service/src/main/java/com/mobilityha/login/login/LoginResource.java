package com.mobilityha.login.login;

import com.mobilityha.common.company.Company;
import com.mobilityha.common.company.CompanyDirectory;
import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.problem.ProblemType;
import com.mobilityha.login.sso.SsoCompleteRequest;
import com.mobilityha.login.sso.SsoLogin;
import com.mobilityha.login.sso.SsoStartRequest;
import com.mobilityha.login.timing.LoginTimings;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
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
    private final LoginRateLimiter limiter;
    private final LoginTimings timings;

    LoginResource(CompanyDirectory companies, DirectoryLogin directoryLogin, SsoLogin ssoLogin,
                  LoginRateLimiter limiter, LoginTimings timings) {
        this.timings = timings;
        this.companies = companies;
        this.directoryLogin = directoryLogin;
        this.ssoLogin = ssoLogin;
        this.limiter = limiter;
    }

    @POST
    @Operation(summary = "Log in. Directory companies: {companyCode, username, password} → 201 {sessionToken, session}. "
            + "SSO companies: {companyCode, codeChallenge (PKCE S256), instanceRole?} → 201 {loginId, instance, "
            + "authorizationUrl, expiresAt}")
    public Response login(LoginRequest request, @Context HttpServerRequest http) {
        long start = System.nanoTime();
        limiter.address(clientAddress(http));
        LoginRequest.validateCompany(request);
        Company company = companies.require(request.companyCode());
        if (company.sso()) {
            if (request.password() != null) {
                throw new ProblemException(ProblemType.LOGIN_METHOD_NOT_AVAILABLE,
                        "This company signs in through its identity provider (SSO), not with a password here");
            }
            SsoStartRequest ssoStart = request.ssoStart();
            ssoStart.validate();
            return created(ssoLogin.start(company, ssoStart), start);
        }
        request.validateCredentials();
        LoginRateLimiter.Attempt attempt = limiter.user(company.code(), request.username());
        return created(directoryLogin.login(company, request, attempt::forgive), start);
    }

    @POST
    @Path("/{loginId}/complete")
    @Operation(summary = "Complete an SSO login: {code, state, codeVerifier} from the IdP's redirect → 201 "
            + "{sessionToken, session}; the instance died meanwhile → 503 connect-instance-unavailable with retryWith")
    public Response complete(@PathParam("loginId") String loginId, SsoCompleteRequest request,
                             @Context HttpServerRequest http) {
        long start = System.nanoTime();
        limiter.address(clientAddress(http));
        SsoCompleteRequest.validate(request);
        return created(ssoLogin.complete(loginId, request), start);
    }

    private Response created(Object entity, long start) {
        return Response.status(Response.Status.CREATED).entity(entity)
                .header("Server-Timing", timings.header(System.nanoTime() - start)).build();
    }

    /**
     * The app's address: the one the ingress forwards (X-Forwarded-For), or the peer's own address when the
     * peer is not a trusted proxy ({@code quarkus.http.proxy.trusted-proxies}): rotating the header from
     * anywhere else changes nothing.
     */
    private static String clientAddress(HttpServerRequest http) {
        return http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
    }
}
