/**
 * Amazon Connect's agent event streams, read from Kinesis by one gateway pod per instance: calls the
 * app did not start (inbound, transferred) join the agent's session and calls the customer ended
 * leave it, within a poll of the event.
 */
package com.mobilityha.gateway.events;
