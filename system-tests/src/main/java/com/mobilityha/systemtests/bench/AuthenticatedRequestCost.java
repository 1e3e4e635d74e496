package com.mobilityha.systemtests.bench;

import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.localstack.process.FreePorts;
import com.mobilityha.localstack.process.ServiceProcess;
import com.mobilityha.localstack.redis.RedisProcess;
import com.mobilityha.localstack.servicetoken.ServiceTokenKey;
import com.mobilityha.systemtests.app.Http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * P3: what session authentication costs. In one run against one session-service and its Redis:
 * {@code GET /api/v1/session} with a bearer token (hash the token, read the session from Redis,
 * answer it) vs the same service's unauthenticated {@code GET /q/health/live}, and a raw Redis GET
 * of the same session key over a plain socket (the floor of any shared-session design). Rounds
 * are interleaved; latency from one client, throughput from {@value #THREADS} clients.
 */
final class AuthenticatedRequestCost {
    private static final int THREADS = 4;
    private static final int ROUNDS = 5;
    private static final int REQUESTS = 1_000;

    private AuthenticatedRequestCost() {
    }

    static String run() throws Exception {
        ServiceTokenKey serviceTokenKey = ServiceTokenKey.random();
        try (RedisProcess redis = RedisProcess.start();
             ServiceProcess service = ServiceProcess.start("session-service", ServiceProcess.module("session-service"),
                     FreePorts.next(), withServiceTokenKey(serviceTokenKey,
                             redis.serviceProperties("session-service")))
                     .awaitReady(Duration.ofSeconds(60))) {
            Http http = new Http(Duration.ofSeconds(5));
            Http.Answer created = http.send("POST", service.baseUrl() + "/internal/v1/sessions", Map.of("companyCode", "acme",
                    "user", Map.of("username", "bench", "connectUserId", "u-bench"),
                    "instance", Map.of("role", "primary", "instanceId", "i-1", "region", "us-east-1")),
                    serviceTokenKey.header("login-service", "session-service"));
            String token = created.json().get("sessionToken").asText();
            String sessionId = created.json().at("/session/sessionId").asText();
            Map<String, String> bearer = Map.of("Authorization", "Bearer " + token);
            Callable<Long> authenticated = () -> timed(() -> check(http.send("GET", service.baseUrl() + "/api/v1/session", null, bearer)));
            Callable<Long> open = () -> timed(() -> check(http.send("GET", service.managementUrl() + "/q/health/live", null, Map.of())));

            List<Long> auth = new ArrayList<>();
            List<Long> live = new ArrayList<>();
            List<Long> raw = new ArrayList<>();
            try (RawRedis client = new RawRedis(redis.port())) {
                String sessionKey = RedisKeys.sessionByTokenHash(client.get(RedisKeys.tokenHashOfSession(sessionId)));
                sequence(authenticated, REQUESTS);
                sequence(open, REQUESTS);
                for (int round = 0; round < ROUNDS; round++) {
                    auth.addAll(sequence(authenticated, REQUESTS));
                    live.addAll(sequence(open, REQUESTS));
                    for (int i = 0; i < REQUESTS; i++) {
                        raw.add(client.timedGet(sessionKey));
                    }
                }
            }
            double authRate = throughput(authenticated);
            double liveRate = throughput(open);
            double extraMicros = (median(auth) - median(live)) / 1e3;
            double rawMicros = median(raw) / 1e3;
            System.out.printf("%n%-32s %10s %10s %14s%n", "request", "p50 ms", "p99 ms", THREADS + " clients/s");
            System.out.printf("%-32s %10.3f %10.3f %14.0f%n", "GET /api/v1/session (bearer)", median(auth) / 1e6,
                    p99(auth) / 1e6, authRate);
            System.out.printf("%-32s %10.3f %10.3f %14.0f%n", "GET /q/health/live (open)", median(live) / 1e6,
                    p99(live) / 1e6, liveRate);
            System.out.printf("%-32s %10.3f %10.3f %14s%n", "raw Redis GET (socket)", median(raw) / 1e6, p99(raw) / 1e6, "-");
            return String.format("P3 authenticated vs unauthenticated request: throughput x%.2f (%.0f vs %.0f req/s, "
                            + "%d clients), p50 %.3f vs %.3f ms, p99 %.3f vs %.3f ms; extra latency %.0f us = %.1f raw "
                            + "Redis GETs (%.0f us each)",
                    authRate / liveRate, authRate, liveRate, THREADS, median(auth) / 1e6, median(live) / 1e6,
                    p99(auth) / 1e6, p99(live) / 1e6, extraMicros, extraMicros / rawMicros, rawMicros);
        }
    }

    private static void check(Http.Answer answer) {
        if (answer.status() != 200) {
            throw new IllegalStateException("unexpected " + answer.summary());
        }
    }

    private static long timed(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return System.nanoTime() - start;
    }

    private static List<Long> sequence(Callable<Long> call, int count) throws Exception {
        List<Long> nanos = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            nanos.add(call.call());
        }
        return nanos;
    }

    private static double throughput(Callable<Long> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            long start = System.nanoTime();
            List<Future<List<Long>>> work = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                work.add(pool.submit(() -> sequence(call, REQUESTS)));
            }
            for (Future<List<Long>> f : work) {
                f.get();
            }
            return THREADS * REQUESTS / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdown();
        }
    }

    private static double median(List<Long> nanos) {
        return quantile(nanos, 0.5);
    }

    private static double p99(List<Long> nanos) {
        return quantile(nanos, 0.99);
    }

    private static double quantile(List<Long> nanos, double q) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size())));
    }

    /** RESP over a plain socket: GET with nothing between the bench and Redis. */
    private static final class RawRedis implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;

        RawRedis(int port) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            in = socket.getInputStream();
        }

        long timedGet(String key) {
            long start = System.nanoTime();
            get(key);
            return System.nanoTime() - start;
        }

        String get(String key) {
            byte[] request = ("*2\r\n$3\r\nGET\r\n$" + key.length() + "\r\n" + key + "\r\n").getBytes(StandardCharsets.US_ASCII);
            try {
                out.write(request);
                out.flush();
                return readBulk();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private String readBulk() throws IOException {
            StringBuilder header = new StringBuilder();
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new IOException("Redis closed the connection");
                }
                header.append((char) c);
            }
            int length = Integer.parseInt(header.substring(1).trim());
            if (length < 0) {
                return null;
            }
            byte[] value = in.readNBytes(length + 2);
            return new String(value, 0, length, StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** The session-service's settings: its Redis and the service-token key. */
    private static Map<String, String> withServiceTokenKey(ServiceTokenKey key, Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(properties);
        all.putAll(key.properties());
        return all;
    }
}
