package com.mobilityha.login.directory;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How long the login waits for a company directory. */
@ConfigMapping(prefix = "login.directory")
public interface DirectorySettings {
    @WithDefault("5s")
    Duration timeout();
}
