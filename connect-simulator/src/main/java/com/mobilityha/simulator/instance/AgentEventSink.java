package com.mobilityha.simulator.instance;

import java.util.Map;

/**
 * Where an instance reports that an agent's snapshot changed (status, configuration or a contact's
 * state), as Amazon Connect's agent event stream does; called under the instance's lock, in order.
 */
public interface AgentEventSink {
    /** Opens the stream an instance's agent events go to (at start). */
    void open(ConnectInstance instance);

    /** A STATE_CHANGE of {@code agentArn}: the agent snapshots before and after, in the stream's JSON shape. */
    void stateChanged(ConnectInstance instance, String agentArn, Map<String, Object> previous, Map<String, Object> current);
}
