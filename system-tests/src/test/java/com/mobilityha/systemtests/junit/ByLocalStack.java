package com.mobilityha.systemtests.junit;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

import java.util.Comparator;
import java.util.Optional;

/**
 * Runs the classes that share a stack one kind after the other, after every other class, so that
 * each shared stack starts once and is stopped before the next: {@link LongRunning} classes first, then
 * the other classes without a shared stack, then by {@link StackKind}; by name within each. (Of the two
 * threads, one takes classes from the front of this order, the other from its end.)
 */
public final class ByLocalStack implements ClassOrderer {
    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparing((ClassDescriptor d) -> !d.isAnnotated(LongRunning.class))
                .thenComparingInt(ByLocalStack::sharedKindRank)
                .thenComparing(descriptor -> descriptor.getTestClass().getName()));
    }

    private static int sharedKindRank(ClassDescriptor descriptor) {
        Optional<OnLocalStack> on = descriptor.findAnnotation(OnLocalStack.class);
        return on.filter(stack -> !stack.disrupts()).map(stack -> 1 + stack.value().ordinal()).orElse(0);
    }
}
