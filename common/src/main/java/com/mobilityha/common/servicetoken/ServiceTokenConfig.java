package com.mobilityha.common.servicetoken;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The key that signs and checks service tokens ({@code mobility.service-token.*}, from the site's
 * {@code mobility-service-token} secret). Rotation without downtime: add the new key to
 * {@link #previousKeys()} everywhere, then make it {@link #key()} with the old one in previousKeys,
 * then drop the old one (docs/operations.md, "Security").
 */
@ConfigMapping(prefix = "mobility.service-token")
public interface ServiceTokenConfig {

    /** HMAC-SHA256 key, base64, at least 32 bytes: signs the tokens this service sends, checks those it gets. */
    Optional<String> key();

    /** Keys still accepted while a rotation rolls out (base64, comma-separated); they sign nothing. */
    Optional<List<String>> previousKeys();

    /** How long a token is valid after it is made. */
    @WithDefault("60S")
    Duration lifetime();
}
