package com.mobilityha.simulator.instance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mobilityha.simulator.seed.Seed;
import com.mobilityha.simulator.seed.SimulatorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The simulated instances, loaded from the seed file at start, and which of them are replicas of which. */
@ApplicationScoped
public class InstanceRegistry {
    private static final Logger LOG = Logger.getLogger(InstanceRegistry.class);

    private final Map<String, ConnectInstance> instances = new LinkedHashMap<>();
    private final List<ReplicaPair> pairs = new ArrayList<>();

    InstanceRegistry(SimulatorConfig config, ObjectMapper mapper, AgentEventSink events) {
        Seed seed = load(config, mapper);
        Map<String, Seed.InstanceSeed> seeds = new LinkedHashMap<>();
        seed.instances().forEach(instance -> seeds.put(instance.instanceId(), instance));
        for (Seed.InstanceSeed instance : seed.instances()) {
            Seed.InstanceSeed effective = instance.replicaOf() == null ? instance
                    : instance.replicating(sourceOf(instance, seeds));
            ConnectInstance connect = new ConnectInstance(effective, Clock.systemUTC(), events);
            events.open(connect);
            instances.put(instance.instanceId(), connect);
            LOG.infof("Simulated Connect instance %s (%s, %s)%s", instance.instanceId(), instance.alias(),
                    instance.region(), instance.replicaOf() == null ? "" : ", replica of " + instance.replicaOf());
        }
        for (Seed.InstanceSeed instance : seed.instances()) {
            if (instance.replicaOf() != null) {
                pairs.add(new ReplicaPair(instances.get(instance.replicaOf()), instances.get(instance.instanceId()),
                        instance.trafficDistributionGroups() == null ? List.of() : instance.trafficDistributionGroups()));
            }
        }
    }

    /** The instance of this id, or Connect's ResourceNotFoundException. */
    public ConnectInstance require(String instanceId) {
        ConnectInstance instance = instanceId == null ? null : instances.get(instanceId);
        if (instance == null) {
            throw AwsError.notFound("Instance not found for id: " + instanceId);
        }
        return instance;
    }

    public boolean exists(String instanceId) {
        return instances.containsKey(instanceId);
    }

    public Collection<ConnectInstance> all() {
        return instances.values();
    }

    /** The Global Resiliency pairs: each replica with its source and their traffic distribution groups. */
    public List<ReplicaPair> pairs() {
        return List.copyOf(pairs);
    }

    /** A replica's source, which must be another instance of the seed, in another Region, and no replica itself. */
    private static Seed.InstanceSeed sourceOf(Seed.InstanceSeed replica, Map<String, Seed.InstanceSeed> seeds) {
        Seed.InstanceSeed source = seeds.get(replica.replicaOf());
        if (source == null || source.replicaOf() != null || source.region().equals(replica.region())) {
            throw new IllegalStateException("Seed instance " + replica.instanceId() + ": replicaOf " + replica.replicaOf()
                    + " must name a source instance of the seed in another Region");
        }
        return source;
    }

    /** A source instance and its replica (ReplicateInstance) with the traffic distribution groups that link them. */
    public record ReplicaPair(ConnectInstance source, ConnectInstance replica, List<Seed.GroupSeed> groups) {
    }

    private static Seed load(SimulatorConfig config, ObjectMapper mapper) {
        try {
            if (config.seedFile().isPresent()) {
                return mapper.readValue(Files.readAllBytes(Path.of(config.seedFile().get())), Seed.class);
            }
            try (InputStream in = InstanceRegistry.class.getResourceAsStream("/seed.json")) {
                return mapper.readValue(in, Seed.class);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the simulator seed", e);
        }
    }
}
