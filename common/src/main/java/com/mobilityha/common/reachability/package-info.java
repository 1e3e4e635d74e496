/**
 * B8: when each agent's phone was last known reachable (a check-in, an acknowledged push) and what the
 * reachability watchdog did about its silence (a WAKE, the agent made non-routable in Connect): the
 * record session-service and notifier-service write and connect-gateway's watchdog reads
 * ({@link com.mobilityha.common.reachability.PhoneReachability}).
 */
package com.mobilityha.common.reachability;
