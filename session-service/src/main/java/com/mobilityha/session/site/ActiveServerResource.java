package com.mobilityha.session.site;

import com.mobilityha.common.company.Company;
import com.mobilityha.common.company.CompanyDirectory;
import com.mobilityha.common.problem.Validator;
import com.mobilityha.common.session.SessionAuthenticator;
import com.mobilityha.common.session.SessionRecord;
import com.mobilityha.common.site.SiteLiveness;
import com.mobilityha.common.site.SitesNow;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * S7/S10: where the app must be served now. With a session token: the site serving the session
 * while it is alive, else a living site (after a takeover the session already names the survivor).
 * Without one ({@code ?companyCode=}): where new logins start, the first living site, primary first. One Redis
 * round trip either way (the sites' heartbeats and the epoch in one read), besides the session's own when it is
 * not in the service's session cache.
 */
@Path("/api/v1/servers/active")
@Produces(MediaType.APPLICATION_JSON)
public class ActiveServerResource {
    private final SessionAuthenticator authenticator;
    private final CompanyDirectory companies;
    private final SiteLiveness liveness;
    private final SiteConfig config;

    ActiveServerResource(SessionAuthenticator authenticator, CompanyDirectory companies, SiteLiveness liveness,
                         SiteConfig config) {
        this.authenticator = authenticator;
        this.companies = companies;
        this.liveness = liveness;
        this.config = config;
    }

    /** The site to use, its public base URL for the company and the current site-failover epoch. */
    @RegisterForReflection
    public record ActiveServer(String site, String baseUrl, long epoch) {
    }

    @GET
    @Operation(summary = "Where this session (or, without a token, a new login) must be served now")
    public ActiveServer active(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                               @QueryParam("companyCode") String companyCode) {
        if (authorization != null) {
            SessionRecord session = authenticator.authenticate(authorization);
            SitesNow now = liveness.now(config.names());
            String site = now.alive(session.site()) ? session.site() : now.firstAlive().orElse(session.site());
            return answer(companies.require(session.companyCode()), site, now);
        }
        Validator.of(this).text("companyCode", companyCode, 64, null).done();
        Company company = companies.require(companyCode);
        SitesNow now = liveness.now(config.names());
        return answer(company, now.firstAlive().orElse(config.names().get(0)), now);
    }

    private static ActiveServer answer(Company company, String site, SitesNow now) {
        String baseUrl = company.mobilityServers().stream().filter(s -> s.role().equals(site))
                .map(Company.MobilityServer::baseUrl).findFirst().orElse(null);
        return new ActiveServer(site, baseUrl, now.epoch());
    }
}
