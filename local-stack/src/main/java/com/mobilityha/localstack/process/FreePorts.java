package com.mobilityha.localstack.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback TCP ports for servers started by tests. They are chosen below Linux's ephemeral
 * range (32768–60999): a port from {@code bind(0)} is an ephemeral one, which an outbound
 * connection (an HTTP or Redis client) could take between the moment a test picks it and the
 * moment its server binds it — a two-site stack starts a dozen servers, and that did happen. No
 * port is handed out twice by one JVM.
 */
public final class FreePorts {
    private static final int FROM = 20_000;
    private static final int TO = 32_700;
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    public static int next() {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FROM, TO);
            if (GIVEN.add(port) && bindable(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free loopback port between " + FROM + " and " + TO);
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
