/**
 * Failover drills as the agent lives them: phones running the reference app with a push receiver,
 * milestones timed from the moment a failure is caused, and the drills report (docs/drills.md).
 */
package com.mobilityha.systemtests.drill;
