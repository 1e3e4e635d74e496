package com.mobilityha.notifier.stream;

import com.mobilityha.common.notification.Notification;
import com.mobilityha.common.notification.NotificationPublisher;
import com.mobilityha.common.notification.Push;
import com.mobilityha.common.notification.PushKind;
import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.common.session.SessionTokens;
import com.mobilityha.localstack.identity.DevIdentityProvider;
import com.mobilityha.localstack.push.MockApnsFixture;
import com.mobilityha.localstack.quarkustest.AdminRedis;
import com.mobilityha.localstack.quarkustest.RedisServerResource;
import com.mobilityha.localstack.session.TestSessions;
import com.mobilityha.notifier.testing.PushTestSite;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static com.mobilityha.localstack.demo.DemoCompany.PRIMARY;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A notification's delivery is traced in the trace of whoever published it: the stream entry carries the
 * publisher's W3C trace context, the notifier's fan-out span of the entry is its child and each push's span
 * a child of that; an entry without trace context (written by an older publisher) is delivered all the same.
 */
@QuarkusTest
@QuarkusTestResource(RedisServerResource.class)
@QuarkusTestResource(PushTestSite.class)
class NotificationTracingTest {
    private static final AttributeKey<String> NOTIFICATION_ID = AttributeKey.stringKey("mobility.notification.id");

    @AdminRedis
    RedisDataSource redis;

    @Inject
    NotificationPublisher publisher;

    @Inject
    Tracer tracer;

    @Inject
    InMemorySpanExporter spans;

    @PushTestSite.Inject
    MockApnsFixture apns;

    @PushTestSite.Inject
    DevIdentityProvider idp;

    @Test
    void theEntryCarriesThePublishersSpanAndItsFanOutAndPushesAreItsDescendants() {
        String device = registeredDevice("tara");
        Span failover = tracer.spanBuilder("test failover").startSpan();
        String id;
        try (Scope scope = failover.makeCurrent()) {
            id = publisher.publish(Notification.of(PushKind.WAKE, "acme", List.of(sessionOf("tara")), "test failover"));
        } finally {
            failover.end();
        }
        String traceId = failover.getSpanContext().getTraceId();
        String publisherSpanId = failover.getSpanContext().getSpanId();

        assertEquals("00-" + traceId + "-" + publisherSpanId + "-01", entryOf(id).get("traceparent"),
                "the entry carries the publisher's current span, W3C format");
        assertTrue(apns.awaitDelivery(device, Duration.ofSeconds(10)), "device received the push");
        SpanData fanOut = awaitSpan(span -> span.getName().equals("notification fan-out")
                && id.equals(span.getAttributes().get(NOTIFICATION_ID)));
        assertEquals(traceId, fanOut.getTraceId(), "the fan-out is in the publisher's trace");
        assertEquals(publisherSpanId, fanOut.getParentSpanId(), "the fan-out is a child of the publisher's span");
        assertEquals(SpanKind.CONSUMER, fanOut.getKind());
        SpanData push = awaitSpan(span -> span.getName().equals("push APNS")
                && span.getParentSpanId().equals(fanOut.getSpanId()));
        assertEquals(traceId, push.getTraceId());
        assertEquals("SENT", push.getAttributes().get(AttributeKey.stringKey("mobility.push.outcome")));
    }

    @Test
    void anEntryWithoutTraceContextIsDeliveredInATraceOfItsOwn() {
        String device = registeredDevice("theo");
        String id = SessionTokens.newId();
        redis.stream(String.class).xadd(RedisKeys.notifications(), new Push(id, sessionOf("theo"), PushKind.WAKE, "acme",
                null, null, "wake-" + id, null, false).toFields());

        assertTrue(apns.awaitDelivery(device, Duration.ofSeconds(10)), "an entry of an older publisher is still delivered");
        SpanData fanOut = awaitSpan(span -> span.getName().equals("notification fan-out")
                && id.equals(span.getAttributes().get(NOTIFICATION_ID)));
        assertFalse(fanOut.getParentSpanContext().isValid(), "no parent: the fan-out starts a trace");
    }

    @Test
    void anAdministratorsNotificationIsDeliveredInTheTraceOfTheirRequest() {
        registeredDevice("tess");
        String id = given().header("Authorization", "Bearer " + idp.adminToken(PushTestSite.ADMIN_ISSUER, "acme"))
                .contentType(ContentType.JSON)
                .body("{\"companyCode\":\"acme\",\"audience\":{\"type\":\"USERS\",\"usernames\":[\"tess\"]},\"kind\":\"WAKE\"}")
                .post("/api/v1/admin/notifications").then().statusCode(202).extract().path("notificationId");

        String traceparent = entryOf(id).get("traceparent");
        assertNotNull(traceparent, "the entry carries the request's trace context");
        String traceId = traceparent.split("-")[1];
        SpanData request = awaitSpan(span -> span.getTraceId().equals(traceId) && span.getKind() == SpanKind.SERVER);
        assertEquals("POST /api/v1/admin/notifications", request.getName());
        assertTrue(request.getAttributes().asMap().keySet().stream().noneMatch(key -> key.getKey().startsWith("http.request.header")),
                "no request header (the administrator's bearer token) is recorded: " + request.getAttributes());
        SpanData fanOut = awaitSpan(span -> span.getName().equals("notification fan-out")
                && id.equals(span.getAttributes().get(NOTIFICATION_ID)));
        assertEquals(request.getSpanId(), fanOut.getParentSpanId(), "the fan-out is a child of the request");
    }

    private Map<String, String> entryOf(String notificationId) {
        return redis.stream(String.class).xrange(RedisKeys.notifications(), StreamRange.of("-", "+")).stream()
                .filter(entry -> notificationId.equals(entry.payload().get("notificationId")))
                .findFirst().orElseThrow().payload();
    }

    private SpanData awaitSpan(Predicate<SpanData> wanted) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (SpanData span : spans.getFinishedSpanItems()) {
                if (wanted.test(span)) {
                    return span;
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no such span among " + spans.getFinishedSpanItems().stream().map(SpanData::getName).toList());
    }

    private String sessionOf(String username) {
        return redis.set(String.class).smembers(RedisKeys.userSessions("acme", username)).iterator().next();
    }

    private String registeredDevice(String username) {
        String token = TestSessions.create(redis, "acme", username, "connect-" + username, PRIMARY);
        String device = apns.newDeviceToken();
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body("{\"platform\":\"APNS\",\"token\":\"" + device + "\",\"appId\":\"" + PushTestSite.TOPIC + "\"}")
                .put("/api/v1/devices/current").then().statusCode(200);
        return device;
    }
}
