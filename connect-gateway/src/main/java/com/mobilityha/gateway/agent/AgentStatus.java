package com.mobilityha.gateway.agent;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An agent status of a Connect instance: {@code ROUTABLE} (takes calls), {@code CUSTOM} or {@code OFFLINE}. */
@RegisterForReflection
public record AgentStatus(String id, String name, String type) {
}
