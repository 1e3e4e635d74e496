package com.mobilityha.systemtests.bench;

import com.mobilityha.mobile.site.RaceSettings;
import com.mobilityha.mobile.site.SiteRouter;
import com.mobilityha.systemtests.drill.Phone;
import com.mobilityha.systemtests.stack.LocalStack;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/** The agents of a benchmark, each signed in with the reference app on an iPhone registered for pushes. */
final class AgentPhones {
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
                Phone phone = Phone.iPhone(stack, agent, RaceSettings.sequential(appTimeout), http);
                String site = phone.signIn(company).path("site").asText();
                if (!"primary".equals(site)) {
                    throw new IllegalStateException(agent + " signed in at site " + site);
                }
                phone.registerForPushes();
                return phone;
            }));
        }
        List<Phone> phones = new ArrayList<>();
        for (Future<Phone> phone : signedIn) {
            phones.add(phone.get());
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
}
