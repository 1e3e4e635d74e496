/**
 * B8: the reachability watchdog. An Available agent whose phone has fallen silent (no check-in, no
 * acknowledged push) gets a WAKE, then is set to the company's non-routable status in Connect, never
 * while on a contact nor while a site or instance failover is under way; the agent's return is the app's
 * to offer, or the company's policy makes them available again.
 */
package com.mobilityha.gateway.reachability;
