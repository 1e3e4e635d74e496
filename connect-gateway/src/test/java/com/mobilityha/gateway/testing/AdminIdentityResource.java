package com.mobilityha.gateway.testing;

import com.mobilityha.localstack.identity.DevIdentityProvider;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

/** An in-process OIDC provider that issues administrators' tokens; inject it with {@link Inject}. */
public class AdminIdentityResource implements QuarkusTestResourceLifecycleManager {
    public static final String ADMIN_ISSUER = "mobility-admin";

    private DevIdentityProvider idp;

    /** Marks a test field to receive the {@link DevIdentityProvider}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Inject {
    }

    @Override
    public Map<String, String> start() {
        idp = DevIdentityProvider.start(0);
        return Map.of("quarkus.oidc.auth-server-url", idp.issuerUrl(ADMIN_ISSUER));
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(idp, new TestInjector.AnnotatedAndMatchesType(Inject.class, DevIdentityProvider.class));
    }

    @Override
    public void stop() {
        if (idp != null) {
            idp.close();
        }
    }
}
