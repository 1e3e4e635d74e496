package com.mobilityha.systemtests.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The class runs for minutes (drills on a stack of its own), or for more than a minute mostly waiting (a
 * probe budget watched at rest): {@link ByLocalStack} starts it first, so that the other classes take turns
 * on the second thread meanwhile instead of leaving it to run alone at the end, and its waits fall while the
 * machine is busiest (bin/test runs the modules' own tests beside the system tests).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface LongRunning {
}
