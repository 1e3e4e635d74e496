package com.mobilityha.gateway.offline;

import com.mobilityha.common.agent.OfflineDuties;
import com.mobilityha.common.agent.OfflineDuty;
import com.mobilityha.common.company.Company;
import com.mobilityha.common.company.CompanyDirectory;
import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.problem.ProblemType;
import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.common.session.SessionRecord;
import com.mobilityha.common.session.SessionRepository;
import com.mobilityha.common.session.SessionStatus;
import com.mobilityha.common.stream.ReliableStreamConsumer;
import com.mobilityha.gateway.agent.AgentService;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Carries out the agents' offline duties ({@link OfflineDuties}) at least once, through the consumer group
 * {@value #GROUP} of every gateway pod of both sites ({@link ReliableStreamConsumer}): the duty's agent is set
 * Offline on its Connect instance, within the Connect API budget at the agents' priority (it finishes an agent's
 * logout: until it is done, Connect routes callers to nobody).
 * <p>
 * <b>Fence.</b> A duty is not carried out while its agent has a live (ACTIVE) session on the same instance: they
 * logged in again since (or still work on another phone), and Offline would take them out of routing; such a
 * duty is settled as {@code superseded}.
 * <p>
 * <b>Outcomes</b> ({@code mobility_agent_offline_duties_total{outcome}}): {@code done}, {@code superseded};
 * {@code retry} on transient failures (the instance unavailable or DOWN, throttled, Redis trouble), tried again
 * after {@code retry-after}, then twice as long each time up to {@code max-backoff}; {@code dead-lettered} after
 * {@code max-deliveries} attempts or at once when it can never succeed (an unknown company, instance or Connect
 * user, no Offline status, an unreadable entry). A settled duty leaves the company's pending count first.
 */
@ApplicationScoped
public class OfflineDutyConsumer {
    private static final Logger LOG = Logger.getLogger(OfflineDutyConsumer.class);
    private static final String GROUP = "agent-offline";
    private static final String OFFLINE = "Offline";
    /** Shorter than quarkus.redis.timeout, which bounds every blocking Redis call. */
    private static final Duration READ_BLOCK = Duration.ofSeconds(1);
    private static final Duration TRIM_EVERY = Duration.ofSeconds(30);
    private static final int BATCH = 20;

    private final ReliableStreamConsumer stream;
    private final OfflineDuties duties;
    private final SessionRepository sessions;
    private final CompanyDirectory companies;
    private final AgentService agents;
    private final OfflineDutyConfig config;
    private final MeterRegistry metrics;
    /** This pod's failed attempts by entry id, for the backoff (the reading thread's only). */
    private final Map<String, Backoff> backoffs = new HashMap<>();

    OfflineDutyConsumer(RedisDataSource redis, OfflineDuties duties, SessionRepository sessions,
                        CompanyDirectory companies, AgentService agents, OfflineDutyConfig config, MeterRegistry metrics) {
        this.stream = new ReliableStreamConsumer(redis, new ReliableStreamConsumer.Settings(RedisKeys.agentOfflineDuties(),
                GROUP, config.retryAfter(), READ_BLOCK, BATCH, config.maxDeliveries(),
                RedisKeys.agentOfflineDutyDeadLetters(), config.deadLetterLimit(), TRIM_EVERY), "gateway");
        this.duties = duties;
        this.sessions = sessions;
        this.companies = companies;
        this.agents = agents;
        this.config = config;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) {
        stream.start("agent-offline-duties", this::carryOut);
        stream.exportGauges(metrics);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        stream.stop();
    }

    /** What an attempt came to. */
    enum Outcome { DONE, SUPERSEDED, RETRY, GIVE_UP }

    private void carryOut(List<StreamMessage<String, String, String>> batch) {
        long now = System.nanoTime();
        backoffs.values().removeIf(backoff -> now - backoff.due() > 2 * config.maxBackoff().toNanos());
        for (StreamMessage<String, String, String> message : batch) {
            Backoff backoff = backoffs.get(message.id());
            if (backoff != null && now - backoff.due() < 0) {
                continue; // not due yet: stays pending, claimed again after retry-after
            }
            readable(message).ifPresent(duty -> settle(message, duty, attempt(duty)));
        }
    }

    private Optional<OfflineDuty> readable(StreamMessage<String, String, String> message) {
        try {
            return Optional.of(OfflineDuty.fromFields(message.payload()));
        } catch (IllegalArgumentException unreadable) {
            LOG.warnf("Stream entry %s is not an offline duty this gateway can read (%s); set aside as a dead letter",
                    message.id(), unreadable.getMessage());
            stream.deadLetter(message.id(), message.payload());
            count("dead-lettered");
            return Optional.empty();
        }
    }

    /** One attempt at the duty. */
    Outcome attempt(OfflineDuty duty) {
        try {
            Optional<Company> company = companies.find(duty.companyCode());
            if (company.isEmpty() || company.get().connectInstances().stream()
                    .noneMatch(instance -> instance.instanceId().equals(duty.instance().instanceId()))) {
                LOG.warnf("Offline duty of session %s names no instance of a known company", duty.sessionId());
                return Outcome.GIVE_UP;
            }
            if (inUseAgain(duty)) {
                return Outcome.SUPERSEDED;
            }
            agents.setStatus(duty.instance(), duty.connectUserId(), OFFLINE);
            return Outcome.DONE;
        } catch (ProblemException e) {
            boolean transientFailure = e.problem().getType().equals(ProblemType.CONNECT_INSTANCE_UNAVAILABLE.uri())
                    || e.problem().getType().equals(ProblemType.THROTTLED.uri());
            LOG.warnf("Offline duty of session %s not done: %s", duty.sessionId(), e.problem().getDetail());
            return transientFailure ? Outcome.RETRY : Outcome.GIVE_UP;
        } catch (RuntimeException e) {
            LOG.warnf("Offline duty of session %s not done: %s", duty.sessionId(), e.toString());
            return Outcome.RETRY;
        }
    }

    /** The fence: the agent has a live session on the duty's instance, i.e. logged in again since (or elsewhere). */
    private boolean inUseAgain(OfflineDuty duty) {
        List<SessionRecord> live = sessions.findAll(sessions.sessionsOfUser(duty.companyCode(), duty.username()));
        return live.stream().anyMatch(session -> session.status() == SessionStatus.ACTIVE
                && !session.sessionId().equals(duty.sessionId())
                && session.instance().instanceId().equals(duty.instance().instanceId()));
    }

    private void settle(StreamMessage<String, String, String> message, OfflineDuty duty, Outcome outcome) {
        switch (outcome) {
            case DONE, SUPERSEDED -> {
                duties.settled(duty);
                stream.ack(message.id());
                backoffs.remove(message.id());
                count(outcome == Outcome.DONE ? "done" : "superseded");
                LOG.infof("Offline duty of session %s %s", duty.sessionId(),
                        outcome == Outcome.DONE ? "done: the agent is Offline" : "superseded: the agent logged in again");
            }
            case GIVE_UP -> {
                duties.settled(duty);
                stream.deadLetter(message.id(), message.payload());
                backoffs.remove(message.id());
                count("dead-lettered");
            }
            case RETRY -> {
                if (stream.retryLater(message.id(), message.payload())) {
                    Backoff previous = backoffs.get(message.id());
                    backoffs.put(message.id(), next(previous));
                    count("retry");
                } else {
                    duties.settled(duty);
                    stream.ack(message.id());
                    backoffs.remove(message.id());
                    count("dead-lettered");
                }
            }
        }
    }

    /** The backoff after one more failed attempt: retry-after, then doubled each time up to max-backoff. */
    private Backoff next(Backoff previous) {
        long delay = previous == null ? config.retryAfter().toNanos()
                : Math.min(previous.delayNanos() * 2, config.maxBackoff().toNanos());
        return new Backoff(delay, System.nanoTime() + delay);
    }

    private void count(String outcome) {
        metrics.counter("mobility.agent.offline.duties", "outcome", outcome).increment();
    }

    /** When an entry is next due (System.nanoTime) and the delay that led there. */
    private record Backoff(long delayNanos, long due) {
    }
}
