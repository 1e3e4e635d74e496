package com.mobilityha.gateway.connect;

import com.mobilityha.common.problem.Problem;
import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.problem.ProblemType;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.connect.model.ConnectException;
import software.amazon.awssdk.services.connect.model.InvalidParameterException;
import software.amazon.awssdk.services.connect.model.InvalidRequestException;
import software.amazon.awssdk.services.connect.model.ResourceNotFoundException;
import software.amazon.awssdk.services.connect.model.ThrottlingException;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs one Connect call and turns its failure into the problem the app should see: throttling is a
 * 429 with Retry-After, a refused parameter a 400, an unknown resource a 404, anything else (I/O, timeout, 5xx, access) means
 * the instance is unavailable (503 naming the instance).
 */
public final class ConnectErrors {
    private static final Logger LOG = Logger.getLogger(ConnectErrors.class);

    private ConnectErrors() {
    }

    public static <T> T call(InstanceRef instance, String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw translate(instance, operation, e);
        }
    }

    static ProblemException translate(InstanceRef instance, String operation, SdkException e) {
        if (e instanceof ThrottlingException) {
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
        LOG.warnf("Connect %s on instance %s (%s) failed: %s", operation, instance.instanceId(), instance.role(),
                e.getMessage());
        return new ProblemException(Problem.of(ProblemType.CONNECT_INSTANCE_UNAVAILABLE,
                "Amazon Connect instance " + instance.role() + " did not complete " + operation)
                .with("connectInstance", Map.of("role", instance.role(), "instanceId", instance.instanceId())));
    }
}
