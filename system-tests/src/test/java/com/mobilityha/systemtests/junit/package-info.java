/**
 * The JUnit 5 extension that gives system tests their local stack: {@link
 * com.mobilityha.systemtests.junit.OnLocalStack} says which, and whether the class may share it
 * with other classes (one shared stack runs at a time, classes grouped by {@link
 * com.mobilityha.systemtests.junit.ByLocalStack}) or disrupts it and gets its own.
 */
package com.mobilityha.systemtests.junit;
