package com.mobilityha.systemtests.junit;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

import java.util.Comparator;
import java.util.Optional;

/**
 * Runs the classes that share a stack one kind after the other, after every other class, so that
 * each shared stack starts once and is stopped before the next: classes without a shared stack
 * first, then by {@link StackKind}; by name within each.
 */
public final class ByLocalStack implements ClassOrderer {
    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparingInt(ByLocalStack::sharedKindRank)
                .thenComparing(descriptor -> descriptor.getTestClass().getName()));
    }

    private static int sharedKindRank(ClassDescriptor descriptor) {
        Optional<OnLocalStack> on = descriptor.findAnnotation(OnLocalStack.class);
        return on.filter(stack -> !stack.disrupts()).map(stack -> 1 + stack.value().ordinal()).orElse(0);
    }
}
