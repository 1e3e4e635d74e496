/**
 * {@code bin/bench R6}, the chaos soak: both sites, Redis with Sentinels and the Connect simulator, agents' apps at
 * work while a seeded scheduler kills and restarts random parts; then an invariant checker reads Redis and the
 * simulator for what the chaos lost or left stuck.
 */
package com.mobilityha.systemtests.soak;
