package com.mobilityha.login.login;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Login attempts allowed per minute, counted in Redis so that both sites share the count. */
@ConfigMapping(prefix = "login.rate-limit")
public interface RateLimitSettings {
    /** Attempts (starts and completions) from one client address. */
    @WithDefault("60")
    int perAddress();

    /** Password attempts for one user of a company. */
    @WithDefault("10")
    int perUser();
}
