package com.mobilityha.login.downstream;

import com.mobilityha.common.problem.Problem;
import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.problem.ProblemType;
import jakarta.ws.rs.ProcessingException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import java.util.Map;
import java.util.function.Supplier;

/** Calls to the site's other services: unreachable (I/O, timeout, open breaker) becomes a 503 problem. */
final class Downstream {
    private Downstream() {
    }

    /** Runs a guarded call of {@code service}; its own problems pass through unchanged. */
    static <T> T call(String service, Supplier<T> call) {
        try {
            return call.get();
        } catch (CircuitBreakerOpenException | ProcessingException e) {
            throw unavailable("(" + service + ") is unreachable");
        }
    }

    static ProblemException unavailable(String what) {
        return new ProblemException(Problem.of(ProblemType.DEPENDENCY_UNAVAILABLE,
                "A mobility service " + what + "; retry"), Map.of("Retry-After", "1"));
    }
}
