package com.mobilityha.notifier.testing;

import com.mobilityha.localstack.identity.DevIdentityProvider;
import com.mobilityha.localstack.push.MockApnsFixture;
import com.mobilityha.localstack.push.MockFcmServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What the notifier talks to in tests: Pushy's mock APNs server (HTTP/2, TLS, token auth), a local
 * FCM HTTP v1 endpoint with its OAuth2 token endpoint, and an OIDC provider for administrators' tokens. Inject them with {@link Inject}.
 * The test app ({@link #TOPIC}) is the one app company acme allows.
 */
public class PushTestSite implements QuarkusTestResourceLifecycleManager {
    public static final String TOPIC = "com.mobilityha.test";
    public static final String ADMIN_ISSUER = "mobility-admin";

    private MockApnsFixture apns;
    private SandboxApns sandbox;
    private MockFcmServer fcm;
    private DevIdentityProvider idp;

    /** Marks a test field to receive the {@link MockApnsFixture} or the {@link DevIdentityProvider}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Inject {
    }

    /** The mock of APNs' sandbox environment (development builds of the app). */
    public record SandboxApns(MockApnsFixture server) {
    }

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("notifier-test-");
            apns = MockApnsFixture.start(0, dir, TOPIC);
            sandbox = new SandboxApns(apns.startSandbox());
            fcm = MockFcmServer.start(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        idp = DevIdentityProvider.start(0);
        Map<String, String> config = new HashMap<>(apns.notifierProperties());
        config.putAll(fcm.notifierProperties());
        config.put("notifier.apns.sandbox-host", "127.0.0.1");
        config.put("notifier.apns.sandbox-port", String.valueOf(sandbox.server().port()));
        config.put("quarkus.oidc.auth-server-url", idp.issuerUrl(ADMIN_ISSUER));
        config.put("mobility.companies.acme.allowed-apps", TOPIC);
        // Short enough for the FCM retry test, long enough that a first push slowed by a busy machine (the APNs
        // client's first TLS handshake) is not claimed and sent again, which would count its devices twice.
        config.put("notifier.stream.claim-idle", "5s");
        config.put("notifier.stream.block", "200ms");
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(apns, new TestInjector.AnnotatedAndMatchesType(Inject.class, MockApnsFixture.class));
        injector.injectIntoFields(idp, new TestInjector.AnnotatedAndMatchesType(Inject.class, DevIdentityProvider.class));
        injector.injectIntoFields(fcm, new TestInjector.AnnotatedAndMatchesType(Inject.class, MockFcmServer.class));
        injector.injectIntoFields(sandbox, new TestInjector.AnnotatedAndMatchesType(Inject.class, SandboxApns.class));
    }

    @Override
    public void stop() {
        if (apns != null) {
            apns.close();
        }
        if (sandbox != null) {
            sandbox.server().close();
        }
        if (idp != null) {
            idp.close();
        }
        if (fcm != null) {
            fcm.close();
        }
    }
}
