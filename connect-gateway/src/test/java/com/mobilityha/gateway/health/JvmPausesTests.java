package com.mobilityha.gateway.health;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pause meter against a real freeze of this JVM (SIGSTOP, then SIGCONT from another process). */
class JvmPausesTests {

    @Test
    void R7_aFrozenJvmIsMeasuredAsAPauseOnlyWhereItOverlaps() throws Exception {
        JvmPauses pauses = new JvmPauses();
        pauses.start();
        try {
            long before = System.nanoTime();
            Thread.sleep(200);
            long frozenFrom = System.nanoTime();
            long pid = ProcessHandle.current().pid();
            Process freezer = new ProcessBuilder("sh", "-c",
                    "sleep 0.2; kill -STOP " + pid + "; sleep 1; kill -CONT " + pid).start();
            assertTrue(freezer.waitFor(30, TimeUnit.SECONDS), "the freezer finished");
            Thread.sleep(100); // the meter's late wake-up is recorded when it runs again
            long after = System.nanoTime();

            long frozen = pauses.pausedBetween(frozenFrom, after).toMillis();
            assertTrue(frozen >= 900, "a 1 s freeze is a pause of about 1 s, measured " + frozen + " ms");
            long earlier = pauses.pausedBetween(before, frozenFrom).toMillis();
            assertTrue(earlier < frozen, "the interval before the freeze does not see it (" + earlier + " ms)");
        } finally {
            pauses.stop();
        }
    }
}
