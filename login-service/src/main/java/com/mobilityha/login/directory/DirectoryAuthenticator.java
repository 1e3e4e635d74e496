package com.mobilityha.login.directory;

import com.mobilityha.common.config.MobilityConfig.DirectoryConfig;
import com.mobilityha.common.company.Company;
import com.mobilityha.common.problem.Problem;
import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.problem.ProblemType;
import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.runtime.OidcClientConfig;
import io.quarkus.oidc.client.OidcClientException;
import io.quarkus.oidc.client.OidcClients;
import io.quarkus.oidc.client.Tokens;
import io.quarkus.oidc.client.runtime.OidcClientConfig.Grant;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a username and password against the company's directory with the OIDC resource-owner
 * password grant. One OIDC client per company, created on first use and kept.
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
        clients.values().forEach(client -> {
            try {
                client.close();
            } catch (java.io.IOException e) {
                LOG.debug("Closing an OIDC client failed", e);
            }
        });
    }

    private OidcClient create(String companyCode, DirectoryConfig directory) {
        var builder = OidcClientConfig.builder()
                .id("directory-" + companyCode)
                .authServerUrl(directory.authServerUrl())
                .clientId(directory.clientId())
                .connectionTimeout(timeout)
                .grant(Grant.Type.PASSWORD);
        directory.clientSecret().ifPresent(builder::credentials);
        return oidcClients.newClient(builder.build()).await().atMost(timeout);
    }

    private static boolean isRefusal(OidcClientException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("invalid_grant") || message.contains("401") || message.contains("400");
    }

    private static ProblemException unavailable(Company company, RuntimeException e) {
        LOG.warnf("Directory of %s unavailable: %s", company.code(), e.getMessage());
        return new ProblemException(Problem.of(ProblemType.DEPENDENCY_UNAVAILABLE,
                "The company directory did not answer; retry"), Map.of("Retry-After", "2"));
    }
}
