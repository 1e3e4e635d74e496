package com.mobilityha.session.startup;

import com.mobilityha.common.config.MissingSecret;
import com.mobilityha.common.servicetoken.ServiceTokens;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * session-service's secrets, checked when it starts (a missing or malformed one stops the start with a
 * message naming it): the service-token key of internal calls and, when the operations console is on,
 * its OIDC client secret, from which quarkus-oidc also derives the key that encrypts the console's
 * session cookie (without it every pod would pick a random key: admins signed out at each restart and
 * on every other pod).
 */
@ApplicationScoped
class SecretsAtStart {
    /** quarkus-oidc's recommendation for a secret its cookie key is derived from. */
    static final int MIN_CONSOLE_SECRET_CHARS = 32;

    private final boolean consoleEnabled;
    private final Optional<String> consoleSecret;

    SecretsAtStart(@ConfigProperty(name = "quarkus.oidc.tenant-enabled") boolean consoleEnabled,
                   @ConfigProperty(name = "quarkus.oidc.credentials.secret") Optional<String> consoleSecret) {
        this.consoleEnabled = consoleEnabled;
        this.consoleSecret = consoleSecret;
    }

    void check(@Observes StartupEvent start, ServiceTokens serviceTokens) {
        serviceTokens.requireKey();
        if (consoleEnabled && consoleSecret.map(String::trim).orElse("").length() < MIN_CONSOLE_SECRET_CHARS) {
            throw new MissingSecret("quarkus.oidc.credentials.secret (CONSOLE_OIDC_CLIENT_SECRET) must be the console's "
                    + "OIDC client secret, at least " + MIN_CONSOLE_SECRET_CHARS + " characters: it also keys the "
                    + "encryption of the console's session cookie");
        }
    }
}
