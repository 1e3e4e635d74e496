package com.mobilityha.common.config;

/**
 * A secret a service needs is missing or malformed: thrown at start (each service checks its own
 * secrets when it starts), so that the pod never becomes ready and its log says which secret and how
 * to fix it, instead of failing the first request that needs it (after earlier steps already acted).
 * The message names the setting, never its value.
 */
public final class MissingSecret extends IllegalStateException {
    public MissingSecret(String message) {
        super(message);
    }
}
