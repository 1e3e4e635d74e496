package com.mobilityha.mobile.site;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.function.Function;

/**
 * How one app reaches its sites: its HTTP client, its {@link RaceSettings} and its memory of which site
 * failed or answered lately. Every {@link SiteRouter} of the app (company settings, each login) shares it,
 * so what one request learnt about a site spares the next one the wait.
 */
public final class SiteRacing {
    private final RaceSettings settings;
    private final HttpClient http;
    private final SiteMemory memory;

    public SiteRacing(RaceSettings settings, HttpClient http) {
        this.settings = settings;
        this.http = http;
        this.memory = new SiteMemory(settings.memory());
    }

    public RaceSettings settings() {
        return settings;
    }

    SiteMemory memory() {
        return memory;
    }

    /** A race of {@code request} over {@code order} with the app's head start. */
    SiteRace race(List<URI> order, Function<URI, HttpRequest> request) {
        return new SiteRace(order, request, http, settings.headStart(), memory);
    }
}
