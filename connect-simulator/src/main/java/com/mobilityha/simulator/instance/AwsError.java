package com.mobilityha.simulator.instance;

/** An error as Amazon Connect answers it: HTTP status, {@code x-amzn-ErrorType} and {@code {"Message"}}. */
public class AwsError extends RuntimeException {
    private final int status;
    private final String errorType;

    public AwsError(int status, String errorType, String message) {
        super(message, null, false, false);
        this.status = status;
        this.errorType = errorType;
    }

    public static AwsError notFound(String message) {
        return new AwsError(404, "ResourceNotFoundException", message);
    }

    public static AwsError invalidParameter(String message) {
        return new AwsError(400, "InvalidParameterException", message);
    }

    public static AwsError invalidRequest(String message) {
        return new AwsError(400, "InvalidRequestException", message);
    }

    public int status() {
        return status;
    }

    public String errorType() {
        return errorType;
    }
}
