package com.mobilityha.common.testing;

import com.mobilityha.common.session.SessionRecord.InstanceRef;

/**
 * The demo company {@code acme} of the {@code %test} profile (common's microprofile-config.properties)
 * as tests refer to it, and the problem type base URI the app relies on, spelled out so that a
 * change to it fails the tests.
 */
public final class DemoCompany {
    /** acme's primary Amazon Connect instance. */
    public static final InstanceRef PRIMARY = new InstanceRef("primary", "a1b2c3d4-0000-4000-8000-000000000001", "us-east-1");
    /** acme's secondary Amazon Connect instance. */
    public static final InstanceRef SECONDARY = new InstanceRef("secondary", "a1b2c3d4-0000-4000-8000-000000000002", "us-west-2");
    /** Base of every problem {@code type}. */
    public static final String PROBLEMS = "https://mobility-ha.example/problems/";

    private DemoCompany() {
    }
}
