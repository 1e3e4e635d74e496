package com.mobilityha.notifier.device;

/**
 * The push platforms this deployment delivers to: registrations for the others are refused. The
 * push senders answer it, so that registering a device does not depend on how pushes are sent.
 */
public interface PushPlatforms {

    /** True when pushes to devices of {@code platform} can be sent. */
    boolean serves(Device.Platform platform);
}
