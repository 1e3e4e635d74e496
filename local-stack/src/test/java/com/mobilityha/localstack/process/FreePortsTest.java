package com.mobilityha.localstack.process;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FreePortsTest {
    private static final int PORTS = 350;

    @Test
    void twoJvmsNeverGetTheSamePortWhileBothLive() throws Exception {
        Process other = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-cp",
                System.getProperty("java.class.path"), OtherJvm.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8))) {
            Set<Integer> ours = new HashSet<>();
            for (int i = 0; i < PORTS; i++) {
                ours.add(FreePorts.next());
            }
            Set<Integer> theirs = lines.lines().limit(PORTS).map(Integer::valueOf).collect(Collectors.toSet());

            assertEquals(PORTS, ours.size(), "no port twice in one JVM");
            assertEquals(PORTS, theirs.size(), "the other JVM handed out its ports");
            Set<Integer> both = new HashSet<>(ours);
            both.retainAll(theirs);
            assertTrue(both.isEmpty(), "ports handed out by both JVMs: " + both);
            assertTrue(ours.stream().allMatch(port -> port >= 20_000 && port < 32_768), "below the ephemeral range");
        } finally {
            other.getOutputStream().close(); // the other JVM exits when its input ends
            other.waitFor();
        }
    }

    /** Another test JVM: hands out ports, prints them, and holds them until its input ends. */
    static final class OtherJvm {
        public static void main(String[] args) throws IOException {
            for (int i = 0; i < PORTS; i++) {
                System.out.println(FreePorts.next());
            }
            System.out.flush();
            System.in.readAllBytes();
        }
    }
}
