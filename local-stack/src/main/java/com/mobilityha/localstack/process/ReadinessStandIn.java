package com.mobilityha.localstack.process;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Stands in for a service's readiness endpoint ({@code /q/health/ready}) where a test runs a service
 * without the one it checks, e.g. session-service without the site's connect-gateway: 200 while
 * {@link #ready(boolean) ready}, else 503, as Quarkus answers for a pod that is not.
 */
public final class ReadinessStandIn implements AutoCloseable {
    private final HttpServer server;
    private volatile boolean ready = true;

    private ReadinessStandIn(HttpServer server) {
        this.server = server;
    }

    /** Listens on a free loopback port, ready. */
    public static ReadinessStandIn start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ReadinessStandIn standIn = new ReadinessStandIn(server);
            server.createContext("/q/health/ready", exchange -> {
                exchange.sendResponseHeaders(standIn.ready ? 200 : 503, -1);
                exchange.close();
            });
            server.start();
            return standIn;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void ready(boolean ready) {
        this.ready = ready;
    }

    /** The readiness URL. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/q/health/ready";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
