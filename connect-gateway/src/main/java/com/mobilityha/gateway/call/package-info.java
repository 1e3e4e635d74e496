/** Outbound calls of an agent (StartOutboundVoiceContact to the agent's queue) and hang-up, tracked on the session. */
package com.mobilityha.gateway.call;
