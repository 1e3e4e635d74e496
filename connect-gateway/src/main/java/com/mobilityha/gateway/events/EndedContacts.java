package com.mobilityha.gateway.events;

import com.mobilityha.common.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Contacts known to have ended, remembered for minutes in Redis (every pod of both sites sees them):
 * an agent event written before the end but read after it still shows the contact in progress, and
 * must not put it back on the session.
 */
@ApplicationScoped
public class EndedContacts {
    private final RedisDataSource redis;
    private final AgentEventConfig config;

    EndedContacts(RedisDataSource redis, AgentEventConfig config) {
        this.redis = redis;
        this.config = config;
    }

    public void remember(String contactId) {
        redis.value(String.class, String.class).set(RedisKeys.endedContact(contactId), "1",
                new SetArgs().px(config.endedContactMemory()));
    }

    public boolean ended(String contactId) {
        return redis.key(String.class).exists(RedisKeys.endedContact(contactId));
    }
}
