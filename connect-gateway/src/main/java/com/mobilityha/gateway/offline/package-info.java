/**
 * Agents set Offline on Connect after a logout that could not do it itself: the offline duties that
 * session-service queued are carried out here, once, unless the agent logged in again meanwhile.
 */
package com.mobilityha.gateway.offline;
