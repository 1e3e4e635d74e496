package com.mobilityha.systemtests.bench;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.util.SimpleApnsPayloadBuilder;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * P1's baseline, run as its own JVM: one Pushy client sends a WAKE to each token of a file with a
 * bound on pushes in flight, warm-up rounds first (as many as the notifier gets), and prints for each measured
 * round the seconds until every push was answered and the CPU seconds this process spent on it.
 * Arguments: host port signingKey teamId keyId caCertificate topic tokenFile maxInFlight.
 */
public final class RawPushySender {
    private RawPushySender() {
    }

    public static void main(String[] args) throws Exception {
        List<String> tokens = Files.readAllLines(Path.of(args[7]));
        int maxInFlight = Integer.parseInt(args[8]);
        ApnsClient client = new ApnsClientBuilder()
                .setApnsServer(args[0], Integer.parseInt(args[1]))
                .setSigningKey(ApnsSigningKey.loadFromPkcs8File(new File(args[2]), args[3], args[4]))
                .setTrustedServerCertificateChain(new File(args[5]))
                .build();
        try {
            for (int round = 0; round < PushFanOut.WARM_UP_ROUNDS; round++) {
                send(client, args[6], tokens, maxInFlight);
            }
            for (int round = 0; round < PushFanOut.MEASURED_ROUNDS; round++) {
                Duration cpuBefore = cpu();
                double seconds = send(client, args[6], tokens, maxInFlight);
                System.out.println(seconds + " " + cpu().minus(cpuBefore).toMillis() / 1000.0);
            }
        } finally {
            client.close().get();
        }
    }

    private static Duration cpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private static double send(ApnsClient client, String topic, List<String> tokens, int maxInFlight) throws Exception {
        Semaphore inFlight = new Semaphore(maxInFlight);
        List<CompletableFuture<?>> sends = new ArrayList<>(tokens.size());
        long start = System.nanoTime();
        for (String token : tokens) {
            inFlight.acquire();
            String payload = new SimpleApnsPayloadBuilder().setAlertTitle("Reconnecting you")
                    .setAlertBody("Your mobility server changed. You are still signed in.").setSound("default")
                    .addCustomProperty("kind", "WAKE").addCustomProperty("companyCode", "acme").build();
            sends.add(client.sendNotification(new SimpleApnsPushNotification(token, topic, payload,
                            Instant.now().plusSeconds(300), DeliveryPriority.IMMEDIATE, PushType.ALERT, "wake-raw"))
                    .whenComplete((response, failure) -> inFlight.release()));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        return (System.nanoTime() - start) / 1e9;
    }
}
