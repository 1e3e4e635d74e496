package com.mobilityha.localstack.quarkustest;

import com.mobilityha.localstack.process.Signals;
import com.mobilityha.localstack.redis.RedisProcess;
import com.mobilityha.localstack.demo.DemoCompany;
import io.restassured.response.ValidatableResponse;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Trouble with the Redis master of the running {@code @QuarkusTest} ({@code quarkus.redis.hosts}, or the
 * master its Sentinels name), for as long as the outage is open: frozen (SIGSTOP: connections stay open
 * and silent, every command times out) or refusing writes (reads answer, writes get
 * {@code NOREPLICAS}, as a master that lost its replicas does; the Sentinels see nothing wrong). Closing
 * it ends the trouble.
 */
public final class RedisOutage implements AutoCloseable {
    private static final Pattern PROCESS_ID = Pattern.compile("process_id:(\\d+)");

    private final Runnable end;

    private RedisOutage(Runnable end) {
        this.end = end;
    }

    /**
     * Freezes the test's redis-server until {@link #close()}. Not for a Sentinel master kept frozen
     * longer than the Sentinels' down-after time: they would fail it over.
     */
    public static RedisOutage frozen() {
        Matcher pid = PROCESS_ID.matcher(RedisProcess.cli(port(), "INFO", "server"));
        if (!pid.find()) {
            throw new IllegalStateException("redis-server on " + port() + " did not tell its process id");
        }
        long processId = Long.parseLong(pid.group(1));
        Signals.freeze(processId);
        return new RedisOutage(() -> Signals.thaw(processId));
    }

    /** Makes the test's Redis master refuse writes ({@code NOREPLICAS}) until {@link #close()}. */
    public static RedisOutage refusingWrites() {
        int port = port();
        RedisProcess.cli(port, "CONFIG", "SET", "min-replicas-to-write", "100");
        return new RedisOutage(() -> RedisProcess.cli(port, "CONFIG", "SET", "min-replicas-to-write", "0"));
    }

    /**
     * Asserts what a request answered during the outage: {@code 503 dependency-unavailable} as
     * problem+json with {@code Retry-After}, and no trace of the failure (exception, stack frame).
     */
    public static void assertRetryLater(ValidatableResponse answer) {
        answer.statusCode(503).contentType("application/problem+json")
                .body("type", equalTo(DemoCompany.PROBLEMS + "dependency-unavailable"))
                .header("Retry-After", notNullValue())
                .body(not(containsString("Exception"))).body(not(containsString("at io.")));
    }

    @Override
    public void close() {
        end.run();
    }

    private static int port() {
        Config config = ConfigProvider.getConfig();
        int first = URI.create(config.getValue("quarkus.redis.hosts", String.class).split(",")[0]).getPort();
        if (!"sentinel".equals(config.getOptionalValue("quarkus.redis.client-type", String.class).orElse(""))) {
            return first;
        }
        String[] master = RedisProcess.cli(first, "SENTINEL", "get-master-addr-by-name",
                config.getValue("quarkus.redis.master-name", String.class)).trim().split("\\s+");
        return Integer.parseInt(master[master.length - 1]);
    }
}
