package com.mobilityha.gateway.connect;

import com.mobilityha.common.problem.Problem;
import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.problem.ProblemType;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.connect.model.ConnectException;
import software.amazon.awssdk.services.connect.model.InvalidParameterException;
import software.amazon.awssdk.services.connect.model.InvalidRequestException;
import software.amazon.awssdk.services.connect.model.ResourceNotFoundException;

import java.util.Map;

/**
 * How Connect failures are classified and shown to the app: an <em>instance failure</em> (I/O,
 * timeout, 5xx, open breaker, full bulkhead) counts against the instance and is a 503 naming it;
 * throttling is a 429 with Retry-After; a refused parameter a 400; an unknown resource a 404.
 */
public final class ConnectErrors {
    private static final Logger LOG = Logger.getLogger(ConnectErrors.class);

    private ConnectErrors() {
    }

    /** True for failures that say the instance is unwell, never for client errors or throttling. */
    public static boolean isInstanceFailure(Throwable e) {
        if (e instanceof SdkClientException || e instanceof TimeoutException) {
            return true;
        }
        return e instanceof AwsServiceException aws && aws.statusCode() >= 500;
    }

    /**
     * True for Connect's 429 answers: {@code ThrottlingException}, {@code TooManyRequestsException}, or
     * {@code LimitExceededException} (StartOutboundVoiceContact's rate limit), whichever the operation declares.
     */
    public static boolean isThrottling(Throwable e) {
        return e instanceof AwsServiceException aws && aws.statusCode() == 429;
    }

    /** The problem the app sees for a failed call of {@code operation}. */
    static ProblemException translate(InstanceRef instance, String operation, Throwable e) {
        if (e instanceof ProblemException problem) {
            return problem;
        }
        if (isThrottling(e)) {
            return new ProblemException(Problem.of(ProblemType.THROTTLED,
                    "Amazon Connect is throttling " + operation), Map.of("Retry-After", "1"));
        }
        if (e instanceof ResourceNotFoundException notFound) {
            return new ProblemException(ProblemType.NOT_FOUND,
                    "Amazon Connect: " + notFound.awsErrorDetails().errorMessage());
        }
        if (e instanceof InvalidParameterException || e instanceof InvalidRequestException) {
            return new ProblemException(ProblemType.INVALID_REQUEST,
                    "Amazon Connect refused " + operation + ": " + ((ConnectException) e).awsErrorDetails().errorMessage());
        }
        String why = e instanceof CircuitBreakerOpenException ? "circuit breaker open"
                : e instanceof BulkheadException ? "too many concurrent calls" : e.getMessage();
        LOG.warnf("Connect %s on instance %s (%s) failed: %s", operation, instance.instanceId(), instance.role(), why);
        return unavailable(instance, "did not complete " + operation);
    }

    /** A 503 problem naming the instance, which the app and login-service act on. */
    public static ProblemException unavailable(InstanceRef instance, String what) {
        return new ProblemException(Problem.of(ProblemType.CONNECT_INSTANCE_UNAVAILABLE,
                "Amazon Connect instance " + instance.role() + " " + what)
                .with("connectInstance", Map.of("role", instance.role(), "instanceId", instance.instanceId())));
    }
}
