package com.mobilityha.common.redis;

import com.mobilityha.common.config.MissingSecret;
import io.quarkus.arc.Unremovable;
import io.quarkus.redis.client.RedisOptionsCustomizer;
import io.quarkus.runtime.LaunchMode;
import io.vertx.redis.client.RedisOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Logs the service in to Redis as its own ACL user ({@link RedisAccountConfig}: by default the
 * application's name; k8s/redis/users.acl grants each service its keys and commands) with its
 * password (from the {@code mobility-redis-users} secret). The credentials go
 * into every host URI, because the Vert.x Sentinel client reaches the master with the user and
 * password of the Sentinel URI it asked: a user set only as the default password would reach the
 * Sentinels but not the master. The hosts in the configuration stay free of secrets.
 *
 * <p>A production start (a built jar or native image) refuses to go on without a password or with a
 * host that is not {@code rediss://} (TLS): one data set spans both sites and a third location.
 */
@ApplicationScoped
@Unremovable // looked up by the Redis extension, injected nowhere
public class RedisAccount implements RedisOptionsCustomizer {
    static final String PASSWORD_PROPERTY = "mobility.redis.password";

    private final String user;
    private final Optional<String> password;
    private final boolean production;

    @Inject
    RedisAccount(RedisAccountConfig config, @ConfigProperty(name = "quarkus.application.name") String application) {
        this(config.user().orElse(application), config.password().filter(p -> !p.isBlank()),
                LaunchMode.current() == LaunchMode.NORMAL);
    }

    RedisAccount(String user, Optional<String> password, boolean production) {
        this.user = user;
        this.password = password;
        this.production = production;
    }

    @Override
    public void customize(String clientName, RedisOptions options) {
        List<String> endpoints = options.getEndpoints();
        if (production) {
            requireTls(endpoints);
        }
        if (password.isEmpty()) {
            if (production) {
                throw new MissingSecret(PASSWORD_PROPERTY + " is not set (MOBILITY_REDIS_PASSWORD, from the "
                        + "mobility-redis-users secret): the service cannot log in to Redis as user " + user);
            }
            return;
        }
        options.setEndpoints(endpoints.stream().map(this::withCredentials).toList());
    }

    /** The endpoint with this service's user and password, unless it names a user itself. */
    String withCredentials(String endpoint) {
        URI uri = URI.create(endpoint);
        if (uri.getRawUserInfo() != null) {
            return endpoint;
        }
        String credentials = encode(user) + ":" + encode(password.orElseThrow()) + "@";
        return uri.getScheme() + "://" + credentials + uri.getRawAuthority()
                + (uri.getRawPath() == null ? "" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static void requireTls(List<String> endpoints) {
        endpoints.stream().filter(endpoint -> !endpoint.startsWith("rediss://")).findFirst().ifPresent(plain -> {
            throw new IllegalStateException("quarkus.redis.hosts must all be rediss:// (TLS) in production; "
                    + URI.create(plain).getHost() + " is not");
        });
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
