package com.mobilityha.simulator.instance;

/** An agent status of an instance. */
public record AgentStatusDef(String id, String arn, String name, String type) {
}
