/**
 * Logout ({@code DELETE /api/v1/session}): devices unregistered, agent Offline on Connect, IdP refresh
 * token revoked, session ENDED; the first three are best effort and bounded by a timeout, the last one
 * always happens. An agent Offline the gateway did not confirm is left to it as a durable duty.
 */
package com.mobilityha.session.logout;
