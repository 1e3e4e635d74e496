package com.mobilityha.mobile.testing;

import com.sun.net.httpserver.HttpServer;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stand-in mobility sites on loopback for the client's tests, each recording the requests it got;
 * {@link #close()} stops them.
 */
public final class LoopbackSites implements AutoCloseable {
    private final List<Closeable> running = new CopyOnWriteArrayList<>();
    private final Map<URI, List<String>> requests = new ConcurrentHashMap<>();
    private final Map<URI, AtomicInteger> closedByTheApp = new ConcurrentHashMap<>();

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
        List<String> got = new CopyOnWriteArrayList<>();
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                got.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
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
            running.add(() -> server.stop(0));
            URI site = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            requests.put(site, got);
            return site;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A site whose network drops the app's traffic: connections are accepted and requests read, but nothing
     * is ever answered. It records the request lines and counts the connections the app closed.
     */
    public URI silent() {
        try {
            ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            URI site = URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/");
            List<String> got = new CopyOnWriteArrayList<>();
            AtomicInteger closed = new AtomicInteger();
            requests.put(site, got);
            closedByTheApp.put(site, closed);
            running.add(listener);
            Thread acceptor = new Thread(() -> {
                while (!listener.isClosed()) {
                    try {
                        Socket connection = listener.accept();
                        running.add(connection);
                        Thread reader = new Thread(() -> readUntilClosed(connection, got, closed), "silent-site-reader");
                        reader.setDaemon(true);
                        reader.start();
                    } catch (IOException stopped) {
                        return;
                    }
                }
            }, "silent-site");
            acceptor.setDaemon(true);
            acceptor.start();
            return site;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The requests {@code site} got so far, as "METHOD /path?query", in order of arrival. */
    public List<String> requests(URI site) {
        return List.copyOf(requests.get(site));
    }

    /** How many of its connections to a {@link #silent()} site the app has closed (attempts it gave up). */
    public int connectionsClosedByTheApp(URI silentSite) {
        return closedByTheApp.get(silentSite).get();
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
        running.forEach(resource -> {
            try {
                resource.close();
            } catch (IOException alreadyGone) {
                // closing a test site: nothing left to do
            }
        });
    }

    /**
     * Records the request line of the one request a connection carries (nothing is answered, so the app sends
     * no second one on it), then reads until the app closes the connection.
     */
    private static void readUntilClosed(Socket connection, List<String> got, AtomicInteger closed) {
        try (InputStream in = connection.getInputStream()) {
            StringBuilder requestLine = new StringBuilder();
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                requestLine.append((char) b);
            }
            String[] parts = requestLine.toString().trim().split(" ");
            if (parts.length >= 2) {
                got.add(parts[0] + " " + parts[1]);
            }
            while (in.read() != -1) {
                // what the app sends after the request line is not looked at
            }
            closed.incrementAndGet();
        } catch (IOException closedByTheTest) {
            // the test stopped the site
        }
    }
}
