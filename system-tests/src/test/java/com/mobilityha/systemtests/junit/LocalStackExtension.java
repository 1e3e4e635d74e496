package com.mobilityha.systemtests.junit;

import com.mobilityha.systemtests.stack.LocalStack;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the stack a class is {@link OnLocalStack on} before its {@code @BeforeAll} methods and
 * hands it to parameters of type {@link LocalStack}: the run's shared stack, or for a class that
 * {@link OnLocalStack#disrupts() disrupts} it, its own, stopped after the class.
 */
final class LocalStackExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalStackExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        OnLocalStack on = context.getRequiredTestClass().getAnnotation(OnLocalStack.class);
        if (on.disrupts()) {
            // in the class's store: JUnit stops it after the class
            context.getStore(NAMESPACE).put(RunningStack.class, on.value().start());
        } else {
            shared(context).of(on.value());
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        RunningStack own = context.getStore(NAMESPACE).get(RunningStack.class, RunningStack.class);
        return (own != null ? own : shared(context).running()).stack();
    }

    /** The run's shared stack, in the root store: JUnit stops it after the last class. */
    private static SharedStack shared(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedStack.class, key -> new SharedStack(), SharedStack.class);
    }
}
