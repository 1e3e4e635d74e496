package com.mobilityha.localstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback TCP ports for servers started by tests, never handed out twice while the JVM that got one lives,
 * by this JVM or any other on the machine.
 * <p>
 * They are chosen below Linux's ephemeral range (32768–60999): a port from {@code bind(0)} is an ephemeral one,
 * which an outbound connection (an HTTP or Redis client) could take between the moment a test picks it and the
 * moment its server binds it. And they come in blocks of {@value #BLOCK}, each claimed by one JVM with a file lock
 * it holds until it exits (the system releases it, however the JVM ends): {@code bin/test} runs the system tests
 * beside the modules' tests, and a site killed and restarted on its ports could find one of them taken by another
 * test JVM's server, the port free while the site was down. Copies of this class in other class loaders of the same
 * JVM (Quarkus tests') are told apart by the JVM's own lock table.
 */
public final class FreePorts {
    private static final int FROM = 20_000;
    private static final int TO = 32_700;
    private static final int BLOCK = 100;
    private static final Path CLAIMS = Path.of(System.getProperty("java.io.tmpdir"), "mobility-ha-ports");
    /** The blocks this JVM holds, by first port; their locks kept reachable (a channel collected is closed, its lock gone). */
    private static final Map<Integer, FileLock> CLAIMED = new HashMap<>();
    /**
     * Channels to blocks this JVM holds through another class loader's copy of this class (a Quarkus test's): closing
     * any channel to a file releases every lock the process holds on it (POSIX record locks), so these stay open.
     */
    private static final List<FileChannel> NEVER_CLOSED = new ArrayList<>();
    private static int nextPort;
    private static int blockEnd;

    private FreePorts() {
    }

    public static synchronized int next() {
        while (true) {
            if (nextPort == blockEnd) {
                nextPort = claimBlock();
                blockEnd = nextPort + BLOCK;
            }
            int port = nextPort++;
            if (bindable(port)) {
                return port;
            }
        }
    }

    /** The first port of a block no other JVM holds, claimed for this one. */
    private static int claimBlock() {
        int blocks = (TO - FROM) / BLOCK;
        int first = ThreadLocalRandom.current().nextInt(blocks);
        for (int i = 0; i < blocks; i++) {
            int start = FROM + (first + i) % blocks * BLOCK;
            if (!CLAIMED.containsKey(start) && claim(start)) {
                return start;
            }
        }
        throw new IllegalStateException("every block of ports between " + FROM + " and " + TO + " is held by a JVM");
    }

    private static boolean claim(int start) {
        try {
            Files.createDirectories(CLAIMS);
            FileChannel channel = FileChannel.open(CLAIMS.resolve("ports-" + start + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldByThisJvm) { // through another class loader's copy of this class
                NEVER_CLOSED.add(channel);
                return false;
            }
            if (lock == null) { // another JVM holds it
                channel.close();
                return false;
            }
            CLAIMED.put(start, lock);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot claim ports in " + CLAIMS, e);
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
