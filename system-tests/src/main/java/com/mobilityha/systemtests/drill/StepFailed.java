package com.mobilityha.systemtests.drill;

/** A step of a narrated walk-through whose outcome is not what the user should see; it stops the walk-through. */
public final class StepFailed extends RuntimeException {
    private StepFailed(String message) {
        super(message, null, false, false);
    }

    /** Stops the walk-through with {@code what} unless the condition holds. */
    public static void check(boolean condition, String what) {
        if (!condition) {
            throw new StepFailed(what);
        }
    }
}
