/**
 * What a logout leaves for the gateway to finish: the agent set Offline on Connect when the logout could not
 * do it itself ({@link com.mobilityha.common.agent.OfflineDuties}), written by session-service and carried out
 * by connect-gateway.
 */
package com.mobilityha.common.agent;
