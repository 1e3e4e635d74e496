package com.mobilityha.systemtests.junit;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The test class runs on a local stack of this kind, which its {@code @BeforeAll} and test methods
 * receive as a {@link com.mobilityha.systemtests.stack.LocalStack} (or {@link
 * com.mobilityha.systemtests.stack.KeycloakServer}) parameter. Classes that only log in, call and
 * read share one stack of their kind, one class at a time ({@link SharedStackLock}); a class that kills,
 * freezes or cuts off processes says {@link #disrupts()} and gets a stack of its own, stopped after it,
 * and may run beside them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(LocalStackExtension.class)
@ResourceLock(providers = SharedStackLock.class)
public @interface OnLocalStack {
    StackKind value();

    /** Whether the class kills, freezes or cuts off parts of the stack (no other class may see it after). */
    boolean disrupts() default false;
}
