package com.mobilityha.systemtests.bench;

import com.mobilityha.mobile.MobilityClient;
import com.mobilityha.mobile.site.RaceSettings;
import com.mobilityha.mobile.site.SiteRouter;
import com.mobilityha.systemtests.drill.Phone;
import com.mobilityha.systemtests.stack.LocalStack;

import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/** The agents of a benchmark, each signed in with the reference app on an iPhone registered for pushes. */
final class AgentPhones {
    /** A line every this many sign-ins: ten thousand take minutes. */
    private static final int PROGRESS_EVERY = 1000;
    private static final int RETRIES = 5;

    private AgentPhones() {
    }

    /** {@link #signIn(LocalStack, ExecutorService, String, int, Duration)} of the demo company's agents. */
    static List<Phone> signIn(LocalStack stack, ExecutorService pool, int agents, Duration appTimeout) throws Exception {
        return signIn(stack, pool, LocalStack.COMPANY, agents, appTimeout);
    }

    /**
     * Signs in {@code company}'s {@code agent0001}… through site primary on {@code pool}'s threads (the app honours 429s), each
     * registering an iPhone; the phones, in order. Their apps do not race the sites
     * ({@link RaceSettings#sequential}): a thousand of them signing in on the servers' own two cores make site
     * primary slow, not unreachable, and racing would double the load and land agents on site secondary.
     */
    static List<Phone> signIn(LocalStack stack, ExecutorService pool, String company, int agents, Duration appTimeout)
            throws Exception {
        HttpClient http = SiteRouter.newHttpClient(appTimeout);
        long start = System.nanoTime();
        List<Future<Phone>> signedIn = new ArrayList<>();
        for (int i = 1; i <= agents; i++) {
            String agent = String.format("agent%04d", i);
            signedIn.add(pool.submit(() -> {
                Phone phone = signedInAtPrimary(stack, company, agent, appTimeout, http);
                registerRetrying(phone);
                return phone;
            }));
        }
        List<Phone> phones = new ArrayList<>();
        for (Future<Phone> phone : signedIn) {
            phones.add(phone.get());
            if (phones.size() % PROGRESS_EVERY == 0 && phones.size() < agents) {
                System.out.printf("  %d signed in after %.1f s%n", phones.size(), (System.nanoTime() - start) / 1e9);
            }
        }
        System.out.printf("%d agents of %s signed in through site primary with an iPhone each in %.1f s%n", agents, company,
                (System.nanoTime() - start) / 1e9);
        return phones;
    }

    /** How many of the phones pass {@code test}, each tested on one of {@code pool}'s threads. */
    static long count(ExecutorService pool, List<Phone> phones, Predicate<Phone> test) throws Exception {
        List<Future<Boolean>> results = new ArrayList<>();
        phones.forEach(phone -> results.add(pool.submit(() -> test.test(phone))));
        long count = 0;
        for (Future<Boolean> result : results) {
            count += result.get() ? 1 : 0;
        }
        return count;
    }

    /**
     * The agent signed in at site primary on a new phone. On a loaded machine the login's Redis or Connect calls
     * time out now and then (the services answer 503) or site primary does not answer within the app's timeout
     * (the app then signs in at site secondary, S2): the agent signs out there and tries again on a new phone
     * (one that remembers no site), up to {@value #RETRIES} times, a second apart.
     */
    private static Phone signedInAtPrimary(LocalStack stack, String company, String agent, Duration appTimeout,
                                           HttpClient http)
            throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            Phone phone = Phone.iPhone(stack, agent, RaceSettings.sequential(appTimeout), http);
            try {
                String site = phone.signIn(company).path("site").asText();
                if ("primary".equals(site)) {
                    return phone;
                }
                phone.app().logout();
                if (attempt == RETRIES) {
                    throw new IllegalStateException(agent + " signed in at site " + site);
                }
            } catch (MobilityClient.Refused refused) {
                if (refused.status() != 503 || attempt == RETRIES) {
                    throw refused;
                }
            }
            Thread.sleep(1000);
        }
    }

    /** Registers the phone for pushes, again after a 503 (as {@link #signedInAtPrimary}), a second apart. */
    private static void registerRetrying(Phone phone) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                phone.registerForPushes();
                return;
            } catch (UncheckedIOException | MobilityClient.Refused failed) {
                boolean unavailable = failed instanceof UncheckedIOException ? failed.getMessage().contains("answered 503")
                        : ((MobilityClient.Refused) failed).status() == 503;
                if (!unavailable || attempt == RETRIES) {
                    throw failed;
                }
            }
            Thread.sleep(1000);
        }
    }
}
