package com.mobilityha.simulator.instance;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An agent status of an instance. */
@RegisterForReflection
public record AgentStatusDef(String id, String arn, String name, String type) {
}
