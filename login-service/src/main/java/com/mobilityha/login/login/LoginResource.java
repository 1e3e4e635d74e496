package com.mobilityha.login.login;

import com.mobilityha.common.company.Company;
import com.mobilityha.common.company.CompanyDirectory;
import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.problem.ProblemType;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Starts a login. Directory companies log in in one call; SSO companies follow the code flow. */
@Path("/api/v1/logins")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class LoginResource {
    private final CompanyDirectory companies;
    private final DirectoryLogin directoryLogin;

    LoginResource(CompanyDirectory companies, DirectoryLogin directoryLogin) {
        this.companies = companies;
        this.directoryLogin = directoryLogin;
    }

    @POST
    @Operation(summary = "Log in: {companyCode, username, password} for directory companies → 201 {sessionToken, session}")
    public Response login(LoginRequest request) {
        LoginRequest.validateCompany(request);
        Company company = companies.require(request.companyCode());
        if (company.sso()) {
            throw new ProblemException(ProblemType.LOGIN_METHOD_NOT_AVAILABLE,
                    "This company signs in through its identity provider (SSO), which this server does not offer yet");
        }
        request.validateCredentials();
        return Response.status(Response.Status.CREATED).entity(directoryLogin.login(company, request)).build();
    }
}
