package com.mobilityha.systemtests.kube;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.ToIntFunction;

/**
 * A Service's cluster address as kube-proxy gives it: each new TCP connection goes to a ready replica in
 * turn (none ready: the connection is refused at once); an open connection stays with its replica until
 * either side closes it, as with iptables' connection tracking. The site's services call each other here.
 */
final class ClusterService implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_MILLIS = 1_000;

    private final ServerSocket server;
    private final Endpoints endpoints;
    private final ToIntFunction<Pod> targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService connections = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "cluster-service");
        thread.setDaemon(true);
        return thread;
    });

    private ClusterService(ServerSocket server, Endpoints endpoints, ToIntFunction<Pod> targetPort) {
        this.server = server;
        this.endpoints = endpoints;
        this.targetPort = targetPort;
    }

    /** Listens on {@code port}, passing connections to the replica port {@code targetPort} picks. */
    static ClusterService open(int port, Endpoints endpoints, ToIntFunction<Pod> targetPort) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
            ClusterService service = new ClusterService(server, endpoints, targetPort);
            service.connections.execute(service::accept);
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on " + port, e);
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connections.execute(() -> connect(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void connect(Socket client) {
        Optional<Pod> pod = endpoints.next();
        if (pod.isEmpty()) {
            closeQuietly(client);
            return;
        }
        Socket upstream = new Socket();
        open.add(client);
        open.add(upstream);
        try {
            upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort.applyAsInt(pod.get())),
                    CONNECT_TIMEOUT_MILLIS);
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
        } catch (IOException refused) {
            closeQuietly(upstream);
            closeQuietly(client);
            open.remove(upstream);
            open.remove(client);
            return;
        }
        connections.execute(() -> pump(upstream, client));
        pump(client, upstream);
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException closed) {
            // either side went away: close both
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
        open.forEach(ClusterService::closeQuietly);
        connections.shutdownNow();
    }
}
