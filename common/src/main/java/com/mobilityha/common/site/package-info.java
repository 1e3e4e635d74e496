/**
 * The sites' liveness as both sites share it in Redis: each site's heartbeat, the record of who took
 * over a dead site, and the fencing epoch of takeovers. Written and read by session-service on
 * every site (heartbeat, takeover, {@code /api/v1/servers/active}, the console).
 */
package com.mobilityha.common.site;
