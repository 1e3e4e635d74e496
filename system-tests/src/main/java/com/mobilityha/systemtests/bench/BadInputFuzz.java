package com.mobilityha.systemtests.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityha.localstack.process.ServiceProcess;
import com.mobilityha.systemtests.app.AppClient;
import com.mobilityha.systemtests.app.Http;
import com.mobilityha.systemtests.app.Http.Answer;
import com.mobilityha.systemtests.stack.LocalStack;
import com.mobilityha.systemtests.stack.StackPorts;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * R3: every operation of every service, as listed by its own OpenAPI document, receives malformed,
 * oversized, wrongly-typed and hostile input with no, bad and valid credentials. Counts the 5xx
 * answers (goal 0) and the 4xx answers that are not application/problem+json.
 */
final class BadInputFuzz {
    private static final List<String> SERVICES = List.of("login-service", "session-service", "connect-gateway",
            "notifier-service");
    private static final List<String> HOSTILE_SEGMENTS = List.of("x", "../../etc/passwd", "\u0000", "' OR 1=1 --",
            "<script>alert(1)</script>", "a".repeat(3000), "\uD83D\uDCA5", "-1", "null", "%", "{}");
    private static final List<String> BODIES = buildBodies();
    private static final List<String> CONTENT_TYPES = List.of("application/json", "text/plain", "application/xml",
            "application/json; charset=latin1", "multipart/form-data; boundary=x");

    private final LocalStack stack;
    private final Http http = new Http(Duration.ofSeconds(15));
    private final Map<String, Integer> serverErrors = new LinkedHashMap<>();
    private int requests;
    private int nonProblem4xx;
    private int operations;

    private BadInputFuzz(LocalStack stack) {
        this.stack = stack;
    }

    static String run() {
        try (LocalStack stack = LocalStack.start(StackPorts.free(), line -> System.out.println("started " + line))) {
            return new BadInputFuzz(stack).fuzzAll();
        }
    }

    private String fuzzAll() {
        AppClient phone = stack.newApp();
        Answer login = phone.login(LocalStack.COMPANY, "alice", LocalStack.PASSWORD);
        if (login.status() != 201) {
            throw new IllegalStateException("fuzzer could not log in: " + login.body());
        }
        List<Map<String, String>> credentials = List.of(Map.of(),
                Map.of("Authorization", "Bearer " + "A".repeat(10_000)),
                Map.of("Authorization", "Basic Zm9vOmJhcg=="),
                Map.of("Authorization", "Bearer " + phone.sessionToken()),
                Map.of("Authorization", "Bearer " + stack.adminToken(LocalStack.COMPANY)),
                Map.of("Authorization", "Bearer " + stack.adminToken("other-company")));
        for (String service : SERVICES) {
            ServiceProcess process = stack.services().get(service);
            String base = process.baseUrl();
            JsonNode paths = http.send("GET", process.managementUrl() + "/q/openapi?format=json", null, Map.of()).json()
                    .get("paths");
            for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> path = it.next();
                for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                    String method = methods.next().toUpperCase();
                    if (List.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(method)) {
                        operations++;
                        fuzzOperation(service, base, method, path.getKey(), credentials);
                    }
                }
            }
            fuzzUnknownRoutes(service, base);
        }
        System.out.printf("%d requests to %d operations; 5xx by operation: %s%n", requests, operations, serverErrors);
        int total = serverErrors.values().stream().mapToInt(Integer::intValue).sum();
        return String.format("R3 5xx answers: %d (of %d hostile requests to %d operations on %d services; "
                + "%d 4xx answers were not problem+json)", total, requests, operations, SERVICES.size(), nonProblem4xx);
    }

    private void fuzzOperation(String service, String base, String method, String template,
                               List<Map<String, String>> credentials) {
        for (String segment : HOSTILE_SEGMENTS) {
            String url = base + template.replaceAll("\\{[^}]+}",
                    URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
            for (Map<String, String> auth : credentials) {
                if (method.equals("GET") || method.equals("DELETE")) {
                    record(service, method, template, http.send(method, url, null, auth));
                    continue;
                }
                for (String body : BODIES) {
                    record(service, method, template, send(method, url, body, "application/json", auth));
                }
                for (String contentType : CONTENT_TYPES) {
                    record(service, method, template, send(method, url, "{\"a\":1}", contentType, auth));
                }
            }
        }
    }

    private void fuzzUnknownRoutes(String service, String base) {
        for (String path : List.of("/", "/api", "/api/v1/" + "x".repeat(9000), "/api/v1/%00", "/q/nope",
                "/internal/v1/../../etc/passwd", "/api/v1/companies//settings")) {
            record(service, "GET", path, http.send("GET", base + path, null, Map.of()));
        }
    }

    private Answer send(String method, String url, String body, String contentType, Map<String, String> auth) {
        Map<String, String> headers = new LinkedHashMap<>(auth);
        headers.put("Content-Type", contentType);
        return http.sendRaw(method, url, body, headers);
    }

    private void record(String service, String method, String template, Answer answer) {
        requests++;
        if (answer.status() >= 500) {
            serverErrors.merge(service + " " + method + " " + abbreviate(template), 1, Integer::sum);
            System.out.printf("5xx: %s %s %s → %s%n", service, method, abbreviate(template), abbreviate(answer.body()));
        } else if (answer.status() >= 400 && !answer.contentType().startsWith("application/problem+json")) {
            nonProblem4xx++;
            System.out.printf("4xx without problem+json: %s %s %s → %d %s%n", service, method, abbreviate(template),
                    answer.status(), answer.contentType());
        }
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }

    private static List<String> buildBodies() {
        List<String> bodies = new ArrayList<>(List.of("", "{", "}", "null", "[]", "\"text\"", "42", "true",
                "{\"companyCode\":", "{\"companyCode\":1,\"username\":{},\"password\":[]}",
                "{\"companyCode\":\"acme\",\"username\":\"alice\",\"password\":\"x\",\"extra\":{\"deep\":[1,2,3]}}",
                "{\"companyCode\":\"\\u0000\",\"username\":\"' OR 1=1 --\",\"password\":\"<script>\"}",
                "{\"platform\":\"WINDOWS_PHONE\",\"token\":\"zz\",\"appId\":\"../../\"}",
                "{\"platform\":\"APNS\",\"token\":123,\"appId\":[]}",
                "{\"status\":null}", "{\"status\":\"" + "L".repeat(5000) + "\"}",
                "{\"companyCode\":\"acme\",\"audience\":{\"type\":\"EVERYONE\"},\"kind\":\"NUKE\",\"message\":1}",
                "{\"companyCode\":\"acme\",\"audience\":\"COMPANY\",\"kind\":[],\"message\":{}}",
                "{\"companyCode\":\"acme\",\"audience\":{\"type\":\"USERS\",\"usernames\":[null,1,{}]},\"kind\":\"MESSAGE\"}",
                "{\"code\":\"x\",\"codeVerifier\":\"" + "v".repeat(2000) + "\"}",
                "\u00ff\u00fe garbage \u0001\u0002",
                "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}",
                "{\"companyCode\":\"" + "a".repeat(70_000) + "\"}",
                "{\"companyCode\":1e999999}", "{\"companyCode\":\"acme\",\"companyCode\":\"other\"}"));
        return List.copyOf(bodies);
    }
}
