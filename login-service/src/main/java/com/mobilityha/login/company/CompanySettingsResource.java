package com.mobilityha.login.company;

import com.mobilityha.common.company.CompanyDirectory;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** S1: the company code the user types gives both sites, both Connect instances and the login method. */
@Path("/api/v1/companies/{code}/settings")
@Produces(MediaType.APPLICATION_JSON)
public class CompanySettingsResource {
    private final CompanyDirectory companies;

    CompanySettingsResource(CompanyDirectory companies) {
        this.companies = companies;
    }

    @GET
    @Operation(summary = "Settings of a company: mobility sites, Connect instances, SSO or not")
    public CompanySettings settings(@PathParam("code") String code) {
        return CompanySettings.of(companies.require(code));
    }
}
