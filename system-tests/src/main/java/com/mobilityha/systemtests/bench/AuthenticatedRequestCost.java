package com.mobilityha.systemtests.bench;

import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.localstack.demo.DemoCompany;
import com.mobilityha.localstack.process.FreePorts;
import com.mobilityha.localstack.process.ServiceProcess;
import com.mobilityha.localstack.redis.RedisProcess;
import com.mobilityha.localstack.redis.RedisSecurity;
import com.mobilityha.localstack.servicetoken.ServiceTokenKey;
import com.mobilityha.systemtests.app.Http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
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

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * P3: what session authentication costs. In one run against one Redis: {@code GET /api/v1/session} with a
 * bearer token (hash the token, resolve the session, answer it) on a session-service that answers from its
 * session cache (Redis tracking it) and on one with the cache off (one Redis GET per request), vs the cached
 * service's unauthenticated {@code GET /q/health/live}, and a raw Redis GET of the same session key over one
 * TLS socket (the floor of any shared-session design that reads Redis per request); also one request of the
 * app's both ways on the same service, {@code GET /api/v1/servers/active} with the session's token and with
 * {@code ?companyCode=} (one Redis read of the sites' heartbeats and epoch either way). Rounds are interleaved; latency from one client,
 * throughput from {@value #THREADS} clients.
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
             ServiceProcess cached = sessionService(redis, serviceTokenKey, true);
             ServiceProcess uncached = sessionService(redis, serviceTokenKey, false)) {
            Http http = new Http(Duration.ofSeconds(5));
            Http.Answer created = http.send("POST", cached.baseUrl() + "/internal/v1/sessions", Map.of("companyCode", DemoCompany.CODE,
                    "user", Map.of("username", "bench", "connectUserId", "u-bench"),
                    "instance", Map.of("role", "primary", "instanceId", "i-1", "region", "us-east-1")),
                    serviceTokenKey.header("login-service", "session-service"));
            String token = created.json().get("sessionToken").asText();
            String sessionId = created.json().at("/session/sessionId").asText();
            Map<String, String> bearer = Map.of("Authorization", "Bearer " + token);
            Callable<Long> fromCache = () -> timed(() -> check(http.send("GET", cached.baseUrl() + "/api/v1/session", null, bearer)));
            Callable<Long> fromRedis = () -> timed(() -> check(http.send("GET", uncached.baseUrl() + "/api/v1/session", null, bearer)));
            Callable<Long> open = () -> timed(() -> check(http.send("GET", cached.managementUrl() + "/q/health/live", null, Map.of())));
            Callable<Long> activeForSession = () -> timed(() -> check(http.send("GET", cached.baseUrl() + "/api/v1/servers/active", null, bearer)));
            Callable<Long> activeForCompany = () -> timed(() -> check(http.send("GET",
                    cached.baseUrl() + "/api/v1/servers/active?companyCode=" + DemoCompany.CODE, null, Map.of())));

            List<Long> activeAuth = new ArrayList<>();
            List<Long> activeOpen = new ArrayList<>();
            List<Long> auth = new ArrayList<>();
            List<Long> authRedis = new ArrayList<>();
            List<Long> live = new ArrayList<>();
            List<Long> raw = new ArrayList<>();
            try (RawRedis client = new RawRedis(redis.port())) {
                String sessionKey = RedisKeys.sessionByTokenHash(client.get(RedisKeys.tokenHashOfSession(sessionId)));
                sequence(fromCache, REQUESTS);
                sequence(fromRedis, REQUESTS);
                sequence(open, REQUESTS);
                sequence(activeForSession, REQUESTS);
                sequence(activeForCompany, REQUESTS);
                for (int round = 0; round < ROUNDS; round++) {
                    activeAuth.addAll(sequence(activeForSession, REQUESTS));
                    activeOpen.addAll(sequence(activeForCompany, REQUESTS));
                    auth.addAll(sequence(fromCache, REQUESTS));
                    authRedis.addAll(sequence(fromRedis, REQUESTS));
                    live.addAll(sequence(open, REQUESTS));
                    for (int i = 0; i < REQUESTS; i++) {
                        raw.add(client.timedGet(sessionKey));
                    }
                }
            }
            double activeAuthRate = throughput(activeForSession);
            double activeOpenRate = throughput(activeForCompany);
            double authRate = throughput(fromCache);
            double authRedisRate = throughput(fromRedis);
            double liveRate = throughput(open);
            double rawMicros = median(raw) / 1e3;
            double activeExtraMicros = (median(activeAuth) - median(activeOpen)) / 1e3;
            double extraMicros = (median(auth) - median(live)) / 1e3;
            double extraRedisMicros = (median(authRedis) - median(live)) / 1e3;
            System.out.printf("%n%-40s %10s %10s %14s%n", "request", "p50 ms", "p99 ms", THREADS + " clients/s");
            row("GET /api/v1/servers/active (bearer)", activeAuth, activeAuthRate);
            row("GET /api/v1/servers/active?companyCode", activeOpen, activeOpenRate);
            row("GET /api/v1/session (bearer, cache)", auth, authRate);
            row("GET /api/v1/session (bearer, no cache)", authRedis, authRedisRate);
            row("GET /q/health/live (open)", live, liveRate);
            System.out.printf("%-40s %10.3f %10.3f %14s%n", "raw Redis GET (TLS socket)", median(raw) / 1e6, p99(raw) / 1e6, "-");
            return String.format("P3 authenticated vs unauthenticated request: throughput x%.2f (%.0f vs %.0f req/s, "
                            + "%d clients), p50 %.3f vs %.3f ms, p99 %.3f vs %.3f ms; extra latency %.0f us = %.1f raw "
                            + "Redis GETs (%.0f us each); cache off: x%.2f (%.0f req/s), extra %.0f us = %.1f GETs; "
                            + "GET /api/v1/servers/active with the session's token vs with ?companyCode: x%.2f (%.0f vs "
                            + "%.0f req/s), extra %.0f us",
                    authRate / liveRate, authRate, liveRate, THREADS, median(auth) / 1e6, median(live) / 1e6,
                    p99(auth) / 1e6, p99(live) / 1e6, extraMicros, extraMicros / rawMicros, rawMicros,
                    authRedisRate / liveRate, authRedisRate, extraRedisMicros, extraRedisMicros / rawMicros,
                    activeAuthRate / activeOpenRate, activeAuthRate, activeOpenRate, activeExtraMicros);
        }
    }

    private static ServiceProcess sessionService(RedisProcess redis, ServiceTokenKey key, boolean cache) {
        Map<String, String> properties = new HashMap<>(redis.serviceProperties("session-service"));
        properties.putAll(key.properties());
        // acme, so that servers/active can answer for its sessions and for ?companyCode=acme (no IdP is reached)
        properties.putAll(DemoCompany.siteProperties("https://m1.acme.example", "https://m2.acme.example", "http://127.0.0.1:9/acme"));
        properties.put("mobility.session-cache.enabled", Boolean.toString(cache));
        return ServiceProcess.start("session-service", ServiceProcess.module("session-service"), FreePorts.next(), properties)
                .awaitReady(Duration.ofSeconds(60));
    }

    private static void row(String request, List<Long> nanos, double rate) {
        System.out.printf("%-40s %10.3f %10.3f %14.0f%n", request, median(nanos) / 1e6, p99(nanos) / 1e6, rate);
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

    /** RESP over one TLS socket, logged in as the admin: GET with nothing else between the bench and Redis. */
    private static final class RawRedis implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;

        RawRedis(int port) throws Exception {
            RedisSecurity security = RedisSecurity.local();
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            try (InputStream ca = Files.newInputStream(security.caCertificate())) {
                trusted.setCertificateEntry("redis-ca", CertificateFactory.getInstance("X.509").generateCertificate(ca));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            socket = tls.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            in = socket.getInputStream();
            command("AUTH", RedisSecurity.ADMIN, security.password(RedisSecurity.ADMIN));
        }

        long timedGet(String key) {
            long start = System.nanoTime();
            get(key);
            return System.nanoTime() - start;
        }

        String get(String key) {
            return command("GET", key);
        }

        /** Sends a command; its simple-string or bulk answer. */
        private String command(String... words) {
            StringBuilder request = new StringBuilder("*" + words.length + "\r\n");
            for (String word : words) {
                request.append('$').append(word.length()).append("\r\n").append(word).append("\r\n");
            }
            try {
                out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return readAnswer();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private String readAnswer() throws IOException {
            StringBuilder header = new StringBuilder();
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new IOException("Redis closed the connection");
                }
                header.append((char) c);
            }
            if (header.charAt(0) == '+') {
                return header.substring(1).trim();
            }
            if (header.charAt(0) != '$') {
                throw new IOException("Redis answered " + header.toString().trim());
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
}
