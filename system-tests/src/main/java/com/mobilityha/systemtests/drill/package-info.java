/**
 * Failover drills as the agent lives them: phones running the reference app with a push receiver,
 * the failures the drills cause with milestones timed from that moment (shared by the demo's drill
 * and the system tests' drills), and the drills report (docs/drills.md).
 */
package com.mobilityha.systemtests.drill;
