package com.mobilityha.mobile.site;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One request raced over sites (Happy Eyeballs, RFC 8305 style): the first site is asked at once, each
 * next one as soon as the sites asked so far have not answered within the head start (none for a site the
 * app suspects: it failed or fell silent lately) or have all failed; the first good answer (anything but
 * no answer or a 5xx about the site itself) wins, and {@link #close} cancels the attempts still running.
 * Every answer and failure goes to the app's {@link SiteMemory}, and so does the silence of the sites asked
 * before the winner; a site that is merely slower than another is not a failure.
 */
final class SiteRace implements AutoCloseable {
    private final List<URI> order;
    private final Function<URI, HttpRequest> request;
    private final HttpClient http;
    private final long headStartNanos;
    private final SiteMemory memory;
    private final BlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();
    private final Map<URI, CompletableFuture<?>> running = new HashMap<>();
    private final Map<URI, Outcome> finished = new HashMap<>();
    private final List<URI> askedInOrder = new ArrayList<>();
    private int started;

    SiteRace(List<URI> order, Function<URI, HttpRequest> request, HttpClient http, Duration headStart, SiteMemory memory) {
        this.order = List.copyOf(order);
        this.request = request;
        this.http = http;
        this.headStartNanos = headStart.toNanos();
        this.memory = memory;
    }

    /** A site's answer, or why it gave none. */
    record Outcome(URI site, SiteRouter.Answer answer, IOException failure) {
        /** An answer the app takes: not a failure to answer, not a 5xx about the site itself. */
        boolean good() {
            return answer != null && !answer.siteFailed();
        }

        /** Why this site is no good, as the app reports it. */
        IOException why() {
            return failure != null ? failure : new IOException(site + " answered " + answer.status());
        }
    }

    /** The first good answer; when every site failed, an {@link IOException} naming the last failure. */
    Outcome firstAnswer() throws IOException {
        IOException last = null;
        long nextStart = startNext();
        while (true) {
            boolean more = started < order.size();
            if (running.isEmpty() && !more) {
                throw last;
            }
            Outcome outcome = more ? poll(nextStart - System.nanoTime()) : poll(Long.MAX_VALUE);
            if (outcome == null) { // the head start passed: ask the next site too
                nextStart = startNext();
                continue;
            }
            if (outcome.good()) {
                askedInOrder.subList(0, askedInOrder.indexOf(outcome.site())).stream()
                        .filter(running::containsKey).forEach(memory::silent);
                return outcome;
            }
            last = outcome.why();
            if (more) { // a failure does not wait for the head start
                nextStart = startNext();
            }
        }
    }

    /**
     * After {@link #firstAnswer}: the good answer of {@code site} (asked now if it was not yet) within
     * {@code within}; empty if it failed, or stayed silent, which the app then remembers as a failure.
     */
    Optional<SiteRouter.Answer> answerOf(URI site, Duration within) throws IOException {
        if (!finished.containsKey(site) && !running.containsKey(site)) {
            start(site);
        }
        long deadline = System.nanoTime() + within.toNanos();
        while (!finished.containsKey(site)) {
            if (poll(deadline - System.nanoTime()) == null) {
                memory.failed(site);
                return Optional.empty();
            }
        }
        Outcome outcome = finished.get(site);
        return outcome.good() ? Optional.of(outcome.answer()) : Optional.empty();
    }

    /** Why {@code site} did not win: its failure, or empty when it had not answered (slower, or never asked). */
    Optional<IOException> failureOf(URI site) {
        return Optional.ofNullable(finished.get(site)).filter(outcome -> !outcome.good()).map(Outcome::why);
    }

    /** Cancels the attempts still running (their connections are closed). */
    @Override
    public void close() {
        running.values().forEach(attempt -> attempt.cancel(true));
    }

    /** Asks the next site; when to ask the one after it (at once after a suspect). */
    private long startNext() {
        URI site = order.get(started);
        start(site);
        return System.nanoTime() + (memory.suspect(site) ? 0 : headStartNanos);
    }

    private void start(URI site) {
        started = Math.max(started, order.indexOf(site) + 1);
        askedInOrder.add(site);
        CompletableFuture<HttpResponse<String>> attempt = http.sendAsync(request.apply(site),
                HttpResponse.BodyHandlers.ofString());
        running.put(site, attempt);
        attempt.whenComplete((response, error) -> outcomes.add(error == null
                ? new Outcome(site, SiteRouter.Answer.of(response), null)
                : new Outcome(site, null, failure(site, error))));
    }

    /** The next outcome within {@code nanos} (none: null), recorded in this race and the app's memory. */
    private Outcome poll(long nanos) throws IOException {
        Outcome outcome;
        try {
            outcome = outcomes.poll(Math.max(0, nanos), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (outcome != null) {
            running.remove(outcome.site());
            finished.put(outcome.site(), outcome);
            if (outcome.good()) {
                memory.answered(outcome.site());
            } else {
                memory.failed(outcome.site());
            }
        }
        return outcome;
    }

    private static IOException failure(URI site, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return new IOException(site + ": " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : " " + cause.getMessage()), cause);
    }
}
