package com.mobilityha.localstack.quarkustest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code RedisDataSource} field of a {@code @QuarkusTest} to receive a connection to its Redis
 * ({@link RedisServerResource}, {@link RedisSentinelResource}) as the admin user: for what the tested
 * service's own ACL user may not do (empty Redis, list keys, read or seed another service's records).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface AdminRedis {
}
