package com.mobilityha.common.redis;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** The service's own Redis ACL user ({@code mobility.redis.*}; docs/operations.md, "Security"). */
@ConfigMapping(prefix = "mobility.redis")
public interface RedisAccountConfig {

    /** The ACL user; by default the service's application name, as k8s/redis/users.acl names the users. */
    Optional<String> user();

    /** Its password (MOBILITY_REDIS_PASSWORD, from the mobility-redis-users secret); required in production. */
    Optional<String> password();
}
