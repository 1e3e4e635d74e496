package com.mobilityha.common.problem;

import jakarta.ws.rs.ProcessingException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Calls to the site's other services: a service that cannot be reached or does not answer in time
 * (I/O error, timeout, open circuit breaker) becomes a problem; the problems it answers pass through
 * unchanged ({@link DownstreamProblems}).
 */
public final class Downstream {
    private Downstream() {
    }

    /** Runs a guarded call of {@code service}; unreachable, it is a 503 {@code dependency-unavailable} to retry. */
    public static <T> T call(String service, Supplier<T> call) {
        return call(call, () -> unavailable("(" + service + ") is unreachable"));
    }

    /** {@link #call(String, Supplier)} for a call that answers nothing. */
    public static void run(String service, Runnable call) {
        call(service, () -> {
            call.run();
            return null;
        });
    }

    /** Runs a guarded call; unreachable, it is the {@code unreachable} problem. */
    public static <T> T call(Supplier<T> call, Supplier<ProblemException> unreachable) {
        try {
            return call.get();
        } catch (FaultToleranceException | ProcessingException e) {
            throw unreachable.get();
        }
    }

    /** A 503 {@code dependency-unavailable} problem: "a mobility service {@code what}", retry in a second. */
    public static ProblemException unavailable(String what) {
        return new ProblemException(Problem.of(ProblemType.DEPENDENCY_UNAVAILABLE,
                "A mobility service " + what + "; retry"), Map.of("Retry-After", "1"));
    }
}
