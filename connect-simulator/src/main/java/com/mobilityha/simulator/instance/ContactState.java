package com.mobilityha.simulator.instance;

/**
 * The states of a voice contact as the agent event stream shows them (Amazon Connect admin guide,
 * "About contact states"): CONNECTING rings the agent, CONNECTED is the conversation, and the
 * contact ends as ENDED (hung up, by either side), MISSED (the agent did not answer) or ERROR.
 */
public enum ContactState {
    CONNECTING, CONNECTED, ENDED, MISSED, ERROR;

    public boolean active() {
        return this == CONNECTING || this == CONNECTED;
    }
}
