package com.mobilityha.mobile.testing;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Stand-in mobility sites on loopback for the client's tests; {@link #close()} stops them. */
public final class LoopbackSites implements AutoCloseable {
    private final List<HttpServer> servers = new ArrayList<>();

    /** A site answering every request with this status and JSON body after {@code delayMillis}. */
    public URI answering(int status, String body, long delayMillis) {
        return throttlingFirst(0, "1", status, body, delayMillis);
    }

    /**
     * A site answering its first {@code refusals} requests {@code 429 throttled} with this Retry-After,
     * and every later one with this status and JSON body after {@code delayMillis}.
     */
    public URI throttlingFirst(int refusals, String retryAfter, int status, String body, long delayMillis) {
        AtomicInteger refused = new AtomicInteger();
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (refused.getAndIncrement() < refusals) {
                    byte[] problem = "{\"type\":\"https://mobility-ha.example/problems/throttled\"}"
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
                    exchange.getResponseHeaders().add("Retry-After", retryAfter);
                    exchange.sendResponseHeaders(429, problem.length);
                    exchange.getResponseBody().write(problem);
                    exchange.close();
                    return;
                }
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            servers.add(server);
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A loopback port nobody listens on: connections are refused at once. */
    public static URI closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        servers.forEach(server -> server.stop(0));
    }
}
