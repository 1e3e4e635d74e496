package com.mobilityha.localstack.redis;

import com.mobilityha.localstack.process.ChildProcesses;
import com.mobilityha.localstack.process.FreePorts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real Redis data set with high availability on loopback: a master, a replica and three
 * {@code redis-sentinel} processes (quorum 2, master declared down after 3 s), all secured as in
 * production ({@link RedisSecurity}). Tests kill or freeze
 * the master and watch the Sentinels promote the replica; {@link #restartOldMaster} brings the
 * killed node back as a replica so that the next failover has somewhere to go.
 */
public final class RedisSentinelSet implements AutoCloseable {
    public static final String MASTER_NAME = "mobility";
    /**
     * A master silent this long is failed over. Not shorter: on a loaded two-core machine a master
     * forking for a replica's full sync can miss 1 s of pings, and a failover nobody asked for,
     * to a replica still syncing, loses data no test meant to risk.
     */
    private static final int DOWN_AFTER_MILLIS = 3000;

    private final Map<Integer, RedisProcess> nodes = new HashMap<>();
    private final List<Process> sentinels = new ArrayList<>();
    private final List<Integer> sentinelPorts = new ArrayList<>();
    private final Path dir;

    private RedisSentinelSet(Path dir) {
        this.dir = dir;
    }

    /**
     * Starts master, replica and three Sentinels and waits until the Sentinels see the replica and
     * the replica is in sync: writes that wait for a replica (WAIT) must not race its first sync.
     */
    public static RedisSentinelSet start() {
        try {
            RedisSentinelSet set = new RedisSentinelSet(Files.createTempDirectory("redis-sentinel-"));
            try {
                RedisProcess master = RedisProcess.start();
                set.nodes.put(master.port(), master);
                RedisProcess replica = RedisProcess.start(FreePorts.next(),
                        List.of("--replicaof", "127.0.0.1", String.valueOf(master.port())));
                set.nodes.put(replica.port(), replica);
                for (int i = 0; i < 3; i++) {
                    set.startSentinel(master.port());
                }
                set.awaitReplicaKnown(Duration.ofSeconds(20));
                set.awaitReplicaInSync(Duration.ofSeconds(30));
                return set;
            } catch (RuntimeException e) {
                set.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Properties that put a Quarkus Redis client in Sentinel mode on this set (with a service's
     * {@link RedisSecurity#serviceProperties}).
     */
    public Map<String, String> quarkusProperties() {
        return Map.of("quarkus.redis.client-type", "sentinel",
                "quarkus.redis.hosts", sentinelHosts(),
                "quarkus.redis.master-name", MASTER_NAME,
                "quarkus.redis.role", "master");
    }

    /**
     * What a service needs to use this set: Sentinel mode on it, the service's own ACL user's settings, and
     * writes that must survive a master failover waiting for the replica.
     */
    public Map<String, String> serviceProperties(String service) {
        Map<String, String> properties = new HashMap<>(quarkusProperties());
        properties.putAll(RedisSecurity.local().serviceProperties(service));
        properties.put("mobility.write-ack.replicas", "1");
        return properties;
    }

    /** The Sentinels as a comma-separated list of URIs. */
    public String sentinelHosts() {
        return String.join(",", sentinelPorts.stream().map(p -> "rediss://127.0.0.1:" + p).toList());
    }

    /** Every redis-server and redis-sentinel of the set, as {@code rediss://} URIs (what redis_exporter scrapes). */
    public List<String> serverUris() {
        List<Integer> ports = new ArrayList<>(nodes.keySet());
        ports.addAll(sentinelPorts);
        return ports.stream().sorted().map(port -> "rediss://127.0.0.1:" + port).toList();
    }

    /** The node that is not the master now. */
    public RedisProcess replica() {
        int master = masterPort();
        return nodes.values().stream().filter(node -> node.port() != master).findFirst()
                .orElseThrow(() -> new IllegalStateException("no replica running"));
    }

    /** Kills (SIGKILL) the Sentinel started last of those still running. */
    public void killSentinel() {
        for (int i = sentinels.size() - 1; i >= 0; i--) {
            if (sentinels.get(i).isAlive()) {
                sentinels.get(i).destroyForcibly();
                return;
            }
        }
        throw new IllegalStateException("no Sentinel running");
    }

    /** The port of the node the Sentinels currently name master. */
    public int masterPort() {
        String reply = RedisProcess.cli(sentinelPorts.get(0), "SENTINEL", "get-master-addr-by-name", MASTER_NAME);
        String[] lines = reply.trim().split("\\s+");
        return Integer.parseInt(lines[lines.length - 1]);
    }

    /** The node process behind a port (e.g. the master, to kill or freeze it). */
    public RedisProcess node(int port) {
        return nodes.get(port);
    }

    /**
     * Kills the master (SIGKILL) and waits until the Sentinels have promoted another node;
     * returns the new master's port.
     */
    public int killMasterAndAwaitFailover(Duration timeout) {
        int old = masterPort();
        nodes.remove(old).close();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            int now = masterPort();
            if (now != old && "master".equals(role(now))) {
                return now;
            }
            pause(100);
        }
        throw new IllegalStateException("no failover from " + old + " within " + timeout);
    }

    /** Brings a killed node back on its port as a replica of the current master. */
    public void restartOldMaster(int port) {
        RedisProcess replica = RedisProcess.start(port, List.of("--replicaof", "127.0.0.1", String.valueOf(masterPort())));
        nodes.put(port, replica);
    }

    /** Waits until the master has a replica in sync (so that WAIT can succeed again). */
    public void awaitReplicaInSync(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String info = RedisProcess.cli(masterPort(), "INFO", "replication");
            if (info.contains("connected_slaves:1") && info.contains("state=online")) {
                return;
            }
            pause(100);
        }
        throw new IllegalStateException("no replica in sync within " + timeout);
    }

    /** Runs a command on the current master with redis-cli; its output ("" when it does not answer). */
    public String onMaster(String... command) {
        return RedisProcess.cli(masterPort(), command);
    }

    /** {@code master} or {@code slave} for the node on this port (empty when it does not answer). */
    public String role(int port) {
        String reply = RedisProcess.cli(port, "ROLE");
        return reply.isBlank() ? "" : reply.trim().split("\\s+")[0];
    }

    @Override
    public void close() {
        sentinels.forEach(Process::destroyForcibly);
        nodes.values().forEach(RedisProcess::close);
        nodes.clear();
    }

    private void startSentinel(int masterPort) throws IOException {
        int port = FreePorts.next();
        Path conf = dir.resolve("sentinel-" + port + ".conf");
        RedisSecurity security = RedisSecurity.local();
        List<String> configuration = new ArrayList<>(List.of("bind 127.0.0.1", "protected-mode no"));
        configuration.addAll(security.sentinelConfiguration(port));
        configuration.addAll(List.of(
                "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + masterPort + " 2",
                "sentinel down-after-milliseconds " + MASTER_NAME + " " + DOWN_AFTER_MILLIS,
                "sentinel failover-timeout " + MASTER_NAME + " 6000",
                "sentinel parallel-syncs " + MASTER_NAME + " 1"));
        configuration.addAll(security.sentinelCredentials(MASTER_NAME));
        Files.writeString(conf, String.join("\n", configuration) + "\n");
        String binary = System.getenv().getOrDefault("REDIS_SENTINEL", "redis-sentinel");
        Process process = ChildProcesses.start(new ProcessBuilder(binary, conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("sentinel-" + port + ".log").toFile()));
        sentinels.add(process);
        sentinelPorts.add(port);
    }

    private void awaitReplicaKnown(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean all = sentinelPorts.stream().allMatch(p ->
                    RedisProcess.cli(p, "SENTINEL", "replicas", MASTER_NAME).contains("127.0.0.1")
                            && RedisProcess.cli(p, "SENTINEL", "sentinels", MASTER_NAME).split("\\bname\\b", -1).length > 2);
            if (all) {
                return;
            }
            pause(100);
        }
        throw new IllegalStateException("the Sentinels did not discover the replica and each other within " + timeout);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
