package com.mobilityha.notifier.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mobilityha.common.session.RedisKeys;
import com.mobilityha.common.session.SessionRecord;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.ValueCommands;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The usable sessions a notification targets, from session-service's company index. */
@ApplicationScoped
public class AudienceResolver {
    private final RedisDataSource redis;
    private final ValueCommands<String, String> values;
    private final ObjectMapper mapper;

    AudienceResolver(RedisDataSource redis, ObjectMapper mapper) {
        this.redis = redis;
        this.values = redis.value(String.class, String.class);
        this.mapper = mapper;
    }

    /** Session ids of the company's usable sessions, optionally only those of the listed users. */
    public List<String> sessions(String companyCode, NotificationRequest.Audience audience) {
        Set<String> sessionIds = redis.set(String.class).smembers(RedisKeys.companySessions(companyCode));
        boolean everyone = audience.type() == NotificationRequest.AudienceType.COMPANY;
        Set<String> users = everyone ? Set.of() : new HashSet<>(audience.usernames());
        List<String> targets = new ArrayList<>();
        List<String> ids = List.copyOf(sessionIds);
        if (ids.isEmpty()) {
            return targets;
        }
        Map<String, String> hashes = values.mget(ids.stream().map(RedisKeys::tokenHashOfSession).toArray(String[]::new));
        List<String> recordKeys = new ArrayList<>();
        for (String id : ids) {
            String hash = hashes.get(RedisKeys.tokenHashOfSession(id));
            if (hash != null) {
                recordKeys.add(RedisKeys.sessionByTokenHash(hash));
            }
        }
        if (recordKeys.isEmpty()) {
            return targets;
        }
        for (String json : values.mget(recordKeys.toArray(String[]::new)).values()) {
            SessionRecord session = json == null ? null : read(json);
            if (session != null && session.usable() && session.companyCode().equalsIgnoreCase(companyCode)
                    && (everyone || users.contains(session.user().username()))) {
                targets.add(session.sessionId());
            }
        }
        return targets;
    }

    private SessionRecord read(String json) {
        try {
            return mapper.readValue(json, SessionRecord.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
