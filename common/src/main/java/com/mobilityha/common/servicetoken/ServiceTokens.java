package com.mobilityha.common.servicetoken;

import com.mobilityha.common.config.MissingSecret;
import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Makes and checks service tokens: {@code v1.<caller>.<audience>.<expires>.<signature>}, the
 * signature an HMAC-SHA256 of the rest under the site's shared key, {@code expires} in epoch
 * seconds. A token names the service it is meant for, so one taken from a call to session-service
 * does not open the gateway; it lives {@link ServiceTokenConfig#lifetime()}, so one that leaks into
 * a log is soon worthless. Clocks of two pods may differ by {@link #CLOCK_SKEW}.
 */
@ApplicationScoped
public class ServiceTokens {
    /** The request header carrying the token ({@code Authorization} carries the agent's session token). */
    public static final String HEADER = "Service-Authorization";
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    private static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);
    private static final String VERSION = "v1";
    private static final int MIN_KEY_BYTES = 32;
    private static final String KEY_PROPERTY = "mobility.service-token.key";

    private final String self;
    private final Optional<SecretKeySpec> signingKey;
    private final List<SecretKeySpec> checkingKeys;
    private final Duration lifetime;
    private final Clock clock;

    @Inject
    ServiceTokens(ServiceTokenConfig config, @ConfigProperty(name = "quarkus.application.name") String self) {
        this(self, config.key(), config.previousKeys().orElse(List.of()), config.lifetime(), Clock.systemUTC());
    }

    /** Tokens of the service named {@code self}, signed with {@code key}, outside CDI (tools and tests acting as a service). */
    public static ServiceTokens forService(String self, String key) {
        return new ServiceTokens(self, Optional.of(key), List.of(), DEFAULT_LIFETIME, Clock.systemUTC());
    }

    ServiceTokens(String self, Optional<String> key, List<String> previousKeys, Duration lifetime, Clock clock) {
        this.self = self;
        this.signingKey = key.map(value -> hmacKey(KEY_PROPERTY, value));
        List<SecretKeySpec> keys = new ArrayList<>(signingKey.stream().toList());
        previousKeys.forEach(value -> keys.add(hmacKey("mobility.service-token.previous-keys", value)));
        this.checkingKeys = List.copyOf(keys);
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** Refuses to go on without a signing key (each service that calls or serves internal APIs checks at start). */
    public void requireKey() {
        if (signingKey.isEmpty()) {
            throw new MissingSecret(KEY_PROPERTY + " is not set (MOBILITY_SERVICE_TOKEN_KEY, from the "
                    + "mobility-service-token secret): internal calls between the services cannot be authenticated");
        }
    }

    /** A token for a call from this service to {@code audience}. */
    public String mint(String audience) {
        requireKey();
        long expires = clock.instant().plus(lifetime).getEpochSecond();
        String claims = String.join(".", VERSION, self, audience, Long.toString(expires));
        return claims + "." + sign(signingKey.get(), claims);
    }

    /**
     * The calling service named by a token meant for this service.
     *
     * @throws ProblemException 401 when the token is missing, malformed, badly signed, meant for another service or expired
     */
    public String callerOf(String token) {
        String[] parts = token == null ? new String[0] : token.trim().split("\\.", -1);
        if (parts.length != 5 || !VERSION.equals(parts[0]) || !self.equals(parts[2]) || !signedByUs(parts) || !fresh(parts[3])) {
            throw new ProblemException(ProblemType.SERVICE_TOKEN_REQUIRED, null);
        }
        return parts[1];
    }

    private boolean signedByUs(String[] parts) {
        String claims = String.join(".", parts[0], parts[1], parts[2], parts[3]);
        byte[] presented = parts[4].getBytes(StandardCharsets.US_ASCII);
        return checkingKeys.stream().anyMatch(key ->
                MessageDigest.isEqual(sign(key, claims).getBytes(StandardCharsets.US_ASCII), presented));
    }

    private boolean fresh(String expiresField) {
        long expires;
        try {
            expires = Long.parseLong(expiresField);
        } catch (NumberFormatException e) {
            return false;
        }
        long now = clock.instant().getEpochSecond();
        return expires >= now - CLOCK_SKEW.toSeconds() && expires <= now + lifetime.plus(CLOCK_SKEW).toSeconds();
    }

    private static String sign(SecretKeySpec key, String claims) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(claims.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every JVM", e);
        }
    }

    private static SecretKeySpec hmacKey(String property, String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new MissingSecret(property + " is not base64");
        }
        if (bytes.length < MIN_KEY_BYTES) {
            throw new MissingSecret(property + " has " + bytes.length + " bytes; at least " + MIN_KEY_BYTES
                    + " are needed (e.g. openssl rand -base64 32)");
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }
}
