package com.mobilityha.common.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings every service shares: this site's name and the HTTP body limit. The companies served,
 * under the same {@code mobility} prefix, are {@link com.mobilityha.common.company.CompaniesConfig}.
 */
@ConfigMapping(prefix = "mobility")
public interface MobilityConfig {

    /** This mobility site's name: {@code primary} or {@code secondary}. */
    @WithDefault("primary")
    String site();

    /** Limits on requests, enforced before a body is read. */
    Http http();

    /** HTTP limits. */
    interface Http {
        /** Largest request body in bytes; larger declared bodies get a 413 problem. */
        @WithDefault("65536")
        long maxBodySize();
    }
}
