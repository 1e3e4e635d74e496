package com.mobilityha.login.sso;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.problem.ProblemType;
import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.OidcClients;
import io.quarkus.oidc.client.runtime.OidcClientConfig;
import io.quarkus.oidc.client.runtime.OidcClientConfig.Grant;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.jose4j.http.Get;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/**
 * The IdP applications of SSO companies, one per company and Connect instance, discovered at their
 * first use and kept (OIDC discovery, a Quarkus OIDC client for the code grant, a JWKS-backed ID-token
 * validator). An IdP that does not answer discovery is a 503 problem, at once for its next logins until
 * it is discovered again ({@link IdpDiscoveries}: one discovery per application at a time, outside any
 * lock, so that a dead IdP holds up no other).
 */
@ApplicationScoped
public class IdentityProviders {
    private static final Logger LOG = Logger.getLogger(IdentityProviders.class);
    private static final int CLOCK_SKEW_SECONDS = 30;

    private final SsoConfig config;
    private final OidcClients oidcClients;
    private final ObjectMapper mapper;
    private final HttpClient http;
    private final IdpDiscoveries applications;

    IdentityProviders(SsoConfig config, OidcClients oidcClients, ObjectMapper mapper) {
        this.config = config;
        this.oidcClients = oidcClients;
        this.mapper = mapper;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
        this.applications = new IdpDiscoveries(config.timeout(), config.discoveryRetryAfter());
    }

    /** The SSO settings of a company, or empty when it is not configured for SSO here. */
    public Optional<SsoConfig.CompanySso> company(String companyCode) {
        return Optional.ofNullable(config.companies().get(companyCode));
    }

    /** The IdP application of the company's instance of this role. */
    IdpApplication application(String companyCode, String instanceRole) {
        SsoConfig.IdpApplication settings = company(companyCode).map(c -> c.instances().get(instanceRole))
                .orElseThrow(() -> new ProblemException(ProblemType.LOGIN_METHOD_NOT_AVAILABLE,
                        "No SSO application is configured for the " + instanceRole + " Connect instance"));
        String name = companyCode + "/" + instanceRole;
        return applications.application(name, () -> discover(name, settings));
    }

    @PreDestroy
    void close() {
        for (IdpApplication application : applications.discovered()) {
            try {
                application.close();
            } catch (IOException e) {
                LOG.debug("Closing an OIDC client failed", e);
            }
        }
    }

    private IdpApplication discover(String name, SsoConfig.IdpApplication settings) {
        JsonNode metadata = discoveryDocument(name, settings.authServerUrl());
        String issuer = metadata.path("issuer").asText();
        var builder = OidcClientConfig.builder()
                .id("sso-" + name)
                .authServerUrl(settings.authServerUrl())
                .clientId(settings.clientId())
                .connectionTimeout(config.timeout())
                .grant(Grant.Type.CODE);
        settings.clientSecret().ifPresent(builder::credentials);
        OidcClient tokens = oidcClients.newClient(builder.build()).await().atMost(config.timeout());
        HttpsJwks keys = new HttpsJwks(metadata.path("jwks_uri").asText());
        Get get = new Get();
        get.setConnectTimeout((int) config.timeout().toMillis());
        get.setReadTimeout((int) config.timeout().toMillis());
        keys.setSimpleHttpGet(get);
        JwtConsumer idTokens = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS)
                .setExpectedIssuer(issuer)
                .setExpectedAudience(settings.clientId())
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA384,
                        AlgorithmIdentifiers.RSA_USING_SHA512, AlgorithmIdentifiers.RSA_PSS_USING_SHA256,
                        AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(keys))
                .build();
        LOG.infof("SSO application %s discovered (issuer %s)", name, issuer);
        return new IdpApplication(name, metadata.path("authorization_endpoint").asText(), settings.clientId(),
                settings.usernameClaim(), settings.scopes(), tokens, idTokens, config.timeout());
    }

    private JsonNode discoveryDocument(String name, String authServerUrl) {
        URI uri = URI.create(authServerUrl.replaceAll("/+$", "") + "/.well-known/openid-configuration");
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(config.timeout()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw IdpApplication.unavailable(name, uri + " answered " + response.statusCode());
            }
            return mapper.readTree(response.body());
        } catch (IOException e) {
            throw IdpApplication.unavailable(name, uri + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw IdpApplication.unavailable(name, "interrupted");
        }
    }
}
