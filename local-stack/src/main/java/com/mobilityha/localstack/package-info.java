/**
 * The local stack: everything a mobility site needs on one machine that is not one of our services
 * (redis-server and Sentinels, the dev IdP, mock APNs and FCM), our services started as processes,
 * and the demo company they are configured with.
 *
 * <p>Main code, not a test-jar, because the demo ({@code bin/demo}) and the benchmarks run it as
 * well as the tests. Dependency direction: {@code local-stack} depends on {@code common} (the
 * demo company's instances and test sessions are common's records; Redis keys are common's); the
 * services depend on {@code local-stack} in test scope only; {@code system-tests} depends on it at
 * compile scope. {@code common} depends on nothing of ours, so its contract tests that need a real
 * redis-server live in this module's tests, next to the redis-server they start.
 */
package com.mobilityha.localstack;
