package com.mobilityha.notifier.admin;

import com.mobilityha.common.ops.AuditLog;
import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.localstack.identity.DevIdentityProvider;
import com.mobilityha.localstack.quarkustest.AdminRedis;
import com.mobilityha.localstack.quarkustest.RedisServerResource;
import com.mobilityha.localstack.session.TestSessions;
import com.mobilityha.notifier.testing.PushTestSite;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static com.mobilityha.localstack.demo.DemoCompany.PRIMARY;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An administrator's notification is audited before it is sent, and sent once per Idempotency-Key: when
 * the audit write fails nothing is sent, and the administrator's retries send it exactly once.
 */
@QuarkusTest
@QuarkusTestResource(RedisServerResource.class)
@QuarkusTestResource(PushTestSite.class)
class AuditedNotificationsTest {
    private static final String AUDIT = RedisKeys.auditLog("acme");
    private static final String AUDIT_ASIDE = AUDIT + ":aside";

    @AdminRedis
    RedisDataSource redis;

    @Inject
    AuditLog audit;

    @PushTestSite.Inject
    DevIdentityProvider idp;

    @Test
    void aNotificationWhoseAuditWriteFailsIsNotSentAndItsRetriesSendItOnceAudited() {
        TestSessions.create(redis, "acme", "quinn", "connect-quinn", PRIMARY);
        String key = UUID.randomUUID().toString();
        String message = "Shift change " + key;

        auditWritesFail();
        try {
            send(message, key).statusCode(greaterThanOrEqualTo(500));
        } finally {
            auditWritesWork();
        }
        assertEquals(0, notificationsSaying(message), "nothing was sent while it could not be audited");

        String sent = send(message, key).statusCode(202).extract().path("notificationId");
        String again = send(message, key).statusCode(202).extract().path("notificationId");
        assertEquals(sent, again, "the retry answers the notification the first request sent");
        assertEquals(1, notificationsSaying(message), "sent once for its key");
        assertEquals(1, audit.recent("acme", 1000).stream().filter(entry -> sent.equals(entry.ref())).count(),
                "audited once");
    }

    /** The company's audit stream is put aside and a string takes its key: XADD answers WRONGTYPE. */
    private void auditWritesFail() {
        if (redis.key().exists(AUDIT)) {
            redis.key().rename(AUDIT, AUDIT_ASIDE);
        }
        redis.value(String.class).set(AUDIT, "not a stream");
    }

    private void auditWritesWork() {
        redis.key().del(AUDIT);
        if (redis.key().exists(AUDIT_ASIDE)) {
            redis.key().rename(AUDIT_ASIDE, AUDIT);
        }
    }

    private long notificationsSaying(String message) {
        return redis.key().keys(RedisKeys.notificationReport("*")).stream()
                .filter(report -> message.equals(redis.hash(String.class).hget(report, "message")))
                .count();
    }

    private ValidatableResponse send(String message, String idempotencyKey) {
        return given().header("Authorization", "Bearer " + idp.adminToken(PushTestSite.ADMIN_ISSUER, "acme"))
                .header("Idempotency-Key", idempotencyKey).contentType(ContentType.JSON)
                .body("{\"companyCode\":\"acme\",\"audience\":{\"type\":\"USERS\",\"usernames\":[\"quinn\"]},"
                        + "\"kind\":\"MESSAGE\",\"message\":\"" + message + "\"}")
                .post("/api/v1/admin/notifications").then();
    }
}
