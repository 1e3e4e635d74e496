package com.mobilityha.gateway.events;

import com.mobilityha.common.session.SessionRecord.InstanceRef;
import com.mobilityha.gateway.connect.ConnectCalls;
import com.mobilityha.gateway.connect.ConnectClients;
import com.mobilityha.gateway.connect.ConnectConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.connect.model.InstanceStorageResourceType;
import software.amazon.awssdk.services.connect.model.StorageType;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which Kinesis stream carries each instance's agent events: configured, or as the instance's own
 * storage configuration names it (asked once, from the background share of the Connect API budget;
 * an instance without one, or that could not be asked, is asked again after a while). The ask is the
 * operation's first use on this JVM (its model classes load while the answer is read), so it is bounded as a
 * probe's warm-up is, not by the API call timeout: the SDK ends a call over its timeout by interrupting the
 * calling thread, and a thread interrupted while it loads a class can leave the class loader unable to read
 * that jar again (JDK-8316882; Quarkus's test class loader had every later class of the Connect SDK missing).
 */
@ApplicationScoped
public class AgentEventSources {
    private static final Logger LOG = Logger.getLogger(AgentEventSources.class);
    static final String OPERATION = "ListInstanceStorageConfigs";
    /** How soon an instance that could not be asked (unreachable, throttled, a cold client's timeout) is asked again. */
    private static final Duration FAILED_ASK_RETRY = Duration.ofSeconds(5);

    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final ConnectConfig connect;
    private final ConnectClients clients;
    private final ConnectCalls calls;
    private final AgentEventConfig config;

    AgentEventSources(ConnectConfig connect, ConnectClients clients, ConnectCalls calls, AgentEventConfig config) {
        this.connect = connect;
        this.clients = clients;
        this.calls = calls;
        this.config = config;
    }

    /** The stream's ARN, when known. */
    Optional<String> streamOf(InstanceRef instance) {
        Optional<String> configured = Optional.ofNullable(connect.instances().get(instance.instanceId()))
                .flatMap(ConnectConfig.InstanceSettings::agentEventStream);
        if (configured.isPresent()) {
            return configured;
        }
        long now = System.nanoTime();
        Known cached = known.get(instance.instanceId());
        if (cached != null && (cached.streamArn().isPresent() || now < cached.askAgainAt())) {
            return cached.streamArn();
        }
        Known asked = ask(instance, now);
        known.put(instance.instanceId(), asked);
        return asked.streamArn();
    }

    private Known ask(InstanceRef instance, long now) {
        try {
            Optional<String> arn = calls.readInBackground(instance, OPERATION, () -> clients.of(instance)
                    .listInstanceStorageConfigs(r -> r.instanceId(instance.instanceId())
                            .resourceType(InstanceStorageResourceType.AGENT_EVENTS)
                            .overrideConfiguration(ConnectClients.boundedBy(connect.health().warmupTimeout()))))
                    .storageConfigs().stream()
                    .filter(c -> c.storageType() == StorageType.KINESIS_STREAM && c.kinesisStreamConfig() != null)
                    .map(c -> c.kinesisStreamConfig().streamArn()).findFirst();
            LOG.infof("Connect instance %s (%s): agent events %s", instance.instanceId(), instance.role(),
                    arn.map(a -> "from " + a).orElse("not streamed (calls are known only through the app)"));
            return new Known(arn, now + config.discoveryRetry().toNanos());
        } catch (RuntimeException e) {
            LOG.infof("Connect instance %s: its agent event stream could not be asked for now (%s)",
                    instance.instanceId(), e.getMessage());
            return new Known(Optional.empty(), now + FAILED_ASK_RETRY.toNanos());
        }
    }

    private record Known(Optional<String> streamArn, long askAgainAt) {
    }
}
