package com.mobilityha.systemtests.junit;

import org.junit.jupiter.api.parallel.ResourceLocksProvider;

import java.util.Set;

/**
 * The classes that share the run's stack take turns: each holds this lock while it runs. A class with a
 * stack of its own ({@link OnLocalStack#disrupts()}) needs none and runs beside them.
 */
public final class SharedStackLock implements ResourceLocksProvider {
    private static final String SHARED_STACK = "mobility.shared-local-stack";

    @Override
    public Set<Lock> provideForClass(Class<?> testClass) {
        OnLocalStack on = testClass.getAnnotation(OnLocalStack.class);
        return on != null && !on.disrupts() ? Set.of(new Lock(SHARED_STACK)) : Set.of();
    }
}
