package com.mobilityha.gateway.testing;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The demo company's CRM at the outer edge: two HTTP receivers (its primary and secondary webhook
 * URLs) that record what they get and answer the status a test sets. Inject with {@link Inject}.
 */
public class CrmWebhookResource implements QuarkusTestResourceLifecycleManager {
    public static final String SECRET = "crm-shared-secret";

    private Receivers receivers;

    /** Marks a test field to receive the {@link Receivers}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Inject {
    }

    /** A call event as a receiver got it. */
    public record Received(String type, String deliveryId, String signature, String body) {
    }

    /** One webhook URL of the CRM. */
    public static final class Receiver {
        private final HttpServer server;
        private final List<Received> received = new CopyOnWriteArrayList<>();
        private volatile int status = 204;

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/hooks/calls", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                int answer = status;
                if (answer < 300) {
                    received.add(new Received(exchange.getRequestHeaders().getFirst("X-Mobility-Event"),
                            exchange.getRequestHeaders().getFirst("X-Mobility-Delivery"),
                            exchange.getRequestHeaders().getFirst("X-Mobility-Signature"),
                            new String(body, StandardCharsets.UTF_8)));
                }
                exchange.sendResponseHeaders(answer, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/calls";
        }

        /** Events this URL accepted. */
        public List<Received> received() {
            return received;
        }

        /** The HTTP status it answers from now on (e.g. 503 to play dead). */
        public void answer(int httpStatus) {
            status = httpStatus;
        }
    }

    /** The CRM's primary and secondary URL. */
    public record Receivers(Receiver primary, Receiver secondary) {
        public void reset() {
            primary.received.clear();
            secondary.received.clear();
            primary.answer(204);
            secondary.answer(204);
        }
    }

    @Override
    public Map<String, String> start() {
        try {
            receivers = new Receivers(new Receiver(), new Receiver());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("gateway.webhooks.companies.acme.primary-url", receivers.primary().url(),
                "gateway.webhooks.companies.acme.secondary-url", receivers.secondary().url(),
                "gateway.webhooks.companies.acme.secret", SECRET);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(receivers, new TestInjector.AnnotatedAndMatchesType(Inject.class, Receivers.class));
    }

    @Override
    public void stop() {
        if (receivers != null) {
            receivers.primary().server.stop(0);
            receivers.secondary().server.stop(0);
        }
    }
}
