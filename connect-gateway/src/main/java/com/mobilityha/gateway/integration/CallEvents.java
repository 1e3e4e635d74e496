package com.mobilityha.gateway.integration;

import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.common.session.SessionRecord;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * Records call events for companies with a CRM webhook in the stream {@value #STREAM}, from which
 * {@link WebhookDelivery} delivers them; recording never fails the agent's own request.
 */
@ApplicationScoped
public class CallEvents {
    private static final Logger LOG = Logger.getLogger(CallEvents.class);

    private final RedisDataSource redis;
    private final WebhookConfig config;
    private final MeterRegistry metrics;

    CallEvents(RedisDataSource redis, WebhookConfig config, MeterRegistry metrics) {
        this.redis = redis;
        this.config = config;
        this.metrics = metrics;
    }

    /** Records that {@code type} happened to this call of the session's agent. */
    public void record(String type, SessionRecord session, String contactId) {
        if (!config.companies().containsKey(session.companyCode())) {
            return;
        }
        CallEvent event = new CallEvent(type, session.companyCode(), session.user().username(), contactId,
                session.instance().role(), Instant.now());
        try {
            redis.stream(String.class, String.class, String.class).xadd(RedisKeys.callEvents(), event.toFields());
        } catch (RuntimeException e) {
            metrics.counter("mobility.webhook.events.unrecorded", "company", session.companyCode()).increment();
            LOG.warnf("Call event %s of contact %s not recorded: %s", type, contactId, e.getMessage());
        }
    }
}
