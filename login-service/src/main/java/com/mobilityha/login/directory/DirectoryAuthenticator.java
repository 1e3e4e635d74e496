package com.mobilityha.login.directory;

import com.mobilityha.common.company.CompaniesConfig.DirectoryConfig;
import com.mobilityha.common.company.Company;
import com.mobilityha.common.company.CompanyDirectory;
import com.mobilityha.common.problem.Problem;
import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.problem.ProblemType;
import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.OidcClientException;
import io.quarkus.oidc.client.OidcClients;
import io.quarkus.oidc.client.Tokens;
import io.quarkus.oidc.client.runtime.OidcClientConfig;
import io.quarkus.oidc.client.runtime.OidcClientConfig.Grant;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a username and password against the company's directory with the OIDC resource-owner
 * password grant. One OIDC client per company, created at start (or at its first login) and kept.
 */
@ApplicationScoped
public class DirectoryAuthenticator {
    private static final Logger LOG = Logger.getLogger(DirectoryAuthenticator.class);

    private final OidcClients oidcClients;
    private final Duration timeout;
    private final Map<String, OidcClient> clients = new ConcurrentHashMap<>();

    DirectoryAuthenticator(OidcClients oidcClients, DirectorySettings settings) {
        this.oidcClients = oidcClients;
        this.timeout = settings.timeout();
    }

    /**
     * Creates the directory clients (OIDC discovery) in the background at start, so that the first
     * login of a company does not wait for it. A directory down now is retried at its first login.
     */
    void prepare(@Observes StartupEvent event, CompanyDirectory companies) {
        for (Company company : companies.all()) {
            company.directory().ifPresent(directory -> oidcClients.newClient(config(company.code(), directory))
                    .subscribe().with(client -> keep(company.code(), client),
                            failure -> LOG.infof("Directory of %s not reachable yet: %s", company.code(),
                                    failure.getMessage())));
        }
    }

    /** The directory's tokens for these credentials, or an {@code invalid-credentials} problem. */
    public Tokens authenticate(Company company, String username, String password) {
        DirectoryConfig directory = company.directory().orElseThrow(() -> new ProblemException(
                ProblemType.LOGIN_METHOD_NOT_AVAILABLE, "The company has no directory for password logins"));
        OidcClient client = clients.computeIfAbsent(company.code(), code -> create(code, directory));
        try {
            return client.getTokens(Map.of("username", username, "password", password))
                    .await().atMost(timeout);
        } catch (OidcClientException e) {
            if (isRefusal(e)) {
                LOG.infof("Directory of %s refused a password login", company.code());
                throw new ProblemException(ProblemType.INVALID_CREDENTIALS, "Check your username and password");
            }
            throw unavailable(company, e);
        } catch (RuntimeException e) {
            throw unavailable(company, e);
        }
    }

    @PreDestroy
    void close() {
        clients.values().forEach(DirectoryAuthenticator::closeQuietly);
    }

    private static void closeQuietly(OidcClient client) {
        try {
            client.close();
        } catch (IOException e) {
            LOG.debug("Closing an OIDC client failed", e);
        }
    }

    private void keep(String companyCode, OidcClient client) {
        if (clients.putIfAbsent(companyCode, client) != null) {
            closeQuietly(client);
        }
    }

    private OidcClient create(String companyCode, DirectoryConfig directory) {
        return oidcClients.newClient(config(companyCode, directory)).await().atMost(timeout);
    }

    private OidcClientConfig config(String companyCode, DirectoryConfig directory) {
        var builder = OidcClientConfig.builder()
                .id("directory-" + companyCode)
                .authServerUrl(directory.authServerUrl())
                .clientId(directory.clientId())
                .connectionTimeout(timeout)
                .grant(Grant.Type.PASSWORD);
        directory.clientSecret().ifPresent(builder::credentials);
        return builder.build();
    }

    /** The directory refused these credentials (RFC 6749 invalid_grant), as opposed to refusing us. */
    private static boolean isRefusal(OidcClientException e) {
        return String.valueOf(e.getMessage()).contains("invalid_grant");
    }

    private static ProblemException unavailable(Company company, RuntimeException e) {
        LOG.warnf("Directory of %s unavailable: %s", company.code(), e.getMessage());
        return new ProblemException(Problem.of(ProblemType.DEPENDENCY_UNAVAILABLE,
                "The company directory did not answer; retry"), Map.of("Retry-After", "2"));
    }
}
