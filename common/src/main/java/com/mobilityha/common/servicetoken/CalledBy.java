package com.mobilityha.common.servicetoken;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The services (their {@code quarkus.application.name}) allowed to call a cluster-internal resource.
 * Every resource under {@code /internal/} needs it: one without answers 403 to everybody.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface CalledBy {
    String[] value();
}
