package com.mobilityha.common.contract;

import com.mobilityha.common.session.SessionRecord.InstanceRef;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Where the agent is now logged in, as which Connect user, with which status. */
@RegisterForReflection
public record AgentLoginResult(InstanceRef instance, String connectUserId, String status) {
}
