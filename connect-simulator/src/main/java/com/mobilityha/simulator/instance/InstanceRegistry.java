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
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The simulated instances, loaded from the seed file at start. */
@ApplicationScoped
public class InstanceRegistry {
    private static final Logger LOG = Logger.getLogger(InstanceRegistry.class);

    private final Map<String, ConnectInstance> instances = new LinkedHashMap<>();

    InstanceRegistry(SimulatorConfig config, ObjectMapper mapper, AgentEventSink events) {
        Seed seed = load(config, mapper);
        for (Seed.InstanceSeed instance : seed.instances()) {
            ConnectInstance connect = new ConnectInstance(instance, Clock.systemUTC(), events);
            events.open(connect);
            instances.put(instance.instanceId(), connect);
            LOG.infof("Simulated Connect instance %s (%s, %s)", instance.instanceId(), instance.alias(), instance.region());
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
