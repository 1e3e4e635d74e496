package com.mobilityha.session.console;

import com.mobilityha.localstack.identity.DevIdentityProvider;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.List;
import java.util.Map;

/**
 * The console's sign-in for a {@code @QuarkusTest}: the dev IdP with acme's administrator {@value #ADMIN} (role
 * {@code mobility-admin}) and a user of acme without the role, {@value #NO_ROLE}; the service's OIDC tenant on it.
 */
public class ConsoleSignInResource implements QuarkusTestResourceLifecycleManager {
    static final String ADMIN = "acme-admin";
    static final String NO_ROLE = "acme-agent";
    static final String PASSWORD = "console-test-password";
    private static final String ISSUER = "mobility-admin";

    private DevIdentityProvider idp;

    @Override
    public Map<String, String> start() {
        idp = DevIdentityProvider.start(0)
                .account(ISSUER, ADMIN, PASSWORD, "acme", List.of("mobility-admin"))
                .account(ISSUER, NO_ROLE, PASSWORD, "acme", List.of());
        return Map.of("quarkus.oidc.tenant-enabled", "true",
                "quarkus.oidc.auth-server-url", idp.issuerUrl(ISSUER),
                "quarkus.oidc.credentials.secret", "console-test-client-secret-of-at-least-32-chars");
    }

    @Override
    public void stop() {
        if (idp != null) {
            idp.close();
        }
    }
}
