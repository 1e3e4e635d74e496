package com.mobilityha.session.console;

import com.mobilityha.localstack.process.Poll;
import com.mobilityha.localstack.quarkustest.RedisSentinelResource;
import com.mobilityha.session.site.GatewayReadiness;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(RedisSentinelResource.class)
@QuarkusTestResource(GatewayReadiness.class)
class SignInCodeRedactionTest {
    private static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");

    @Inject
    InMemorySpanExporter spans;

    @Test
    void theAuthorizationCodeOfAConsoleSignInIsNotInItsRequestsSpan() {
        given().redirects().follow(false).get("/admin/?code=the-authorization-code&state=the-state");

        Poll.require(() -> consoleRequest().isPresent(), "the request's span", Duration.ofSeconds(10));
        assertEquals("code=redacted&state=redacted", consoleRequest().orElseThrow().getAttributes()
                .get(SignInCodeRedaction.URL_QUERY));
    }

    private Optional<SpanData> consoleRequest() {
        return spans.getFinishedSpanItems().stream()
                .filter(span -> span.getKind() == SpanKind.SERVER && "/admin/".equals(span.getAttributes().get(URL_PATH)))
                .findFirst();
    }
}
