package com.mobilityha.localstack.process;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FreePortsTest {
    private static final int PORTS = 350;

    @Test
    void twoJvmsNeverGetTheSamePortWhileBothLive() throws Exception {
        Process other = otherJvm();
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

    @Test
    void aBlockThisJvmHoldsIsNotClaimedByAnotherCopyOfTheClass() throws Exception {
        int port = FreePorts.next();
        int block = port - (port - 20_000) % 100;
        URL classes = FreePorts.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader quarkusLike = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
            Method claim = quarkusLike.loadClass(FreePorts.class.getName()).getDeclaredMethod("claim", int.class);
            claim.setAccessible(true);

            assertEquals(false, claim.invoke(null, block), "the block of " + port + " is held by this JVM");
        }
        Process other = otherJvm("ports-" + block + ".lock");
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("refused", lines.readLine(), "and still, for other JVMs, after the other copy's attempt");
        } finally {
            other.waitFor();
        }
    }

    private static Process otherJvm(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(), "-cp",
                System.getProperty("java.class.path"), OtherJvm.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /**
     * Another test JVM: hands out ports, prints them, and holds them until its input ends; or, given a block's lock
     * file, tries to lock it and says whether it could.
     */
    static final class OtherJvm {
        public static void main(String[] args) throws IOException {
            if (args.length == 1) {
                Path file = Path.of(System.getProperty("java.io.tmpdir"), "mobility-ha-ports", args[0]);
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    System.out.println(channel.tryLock() == null ? "refused" : "locked");
                }
                return;
            }
            for (int i = 0; i < PORTS; i++) {
                System.out.println(FreePorts.next());
            }
            System.out.flush();
            System.in.readAllBytes();
        }
    }
}
