package com.mobilityha.gateway.resiliency;

import com.mobilityha.common.company.Company;
import com.mobilityha.common.company.GlobalResiliency;
import com.mobilityha.common.company.GlobalResiliencyPolicy;
import com.mobilityha.common.instance.ConnectInstanceStates;
import com.mobilityha.common.instance.InstanceState;
import com.mobilityha.common.instance.SharedInstanceState;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import com.mobilityha.gateway.health.InstanceHealth;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * B3: what the gateway does for a company whose instances are a Global Resiliency pair. It follows the
 * traffic distribution group: the agents' sessions go to the instance the group distributes the agents
 * to, whoever changed it (the gateway, an administrator in the AWS console, another tool). Under the
 * {@code automatic} policy, the source instance DOWN for the company (both sites agree: the shared
 * state) first shifts the group to the replica. Under {@code manual}, a DOWN source is handled as for
 * independent instances (RELOGIN) until an administrator shifts the group.
 */
@ApplicationScoped
public class GlobalResiliencyFailover {
    private static final Logger LOG = Logger.getLogger(GlobalResiliencyFailover.class);

    private final TrafficDistributions distributions;
    private final AgentsMove move;
    private final InstanceHealth health;
    private final ConnectInstanceStates shared;

    GlobalResiliencyFailover(TrafficDistributions distributions, AgentsMove move, InstanceHealth health,
                             ConnectInstanceStates shared) {
        this.distributions = distributions;
        this.move = move;
        this.health = health;
        this.shared = shared;
    }

    /** Whether the company's sessions on this DOWN instance move to the replica without a new sign-in. */
    public static boolean movesWithoutSignIn(Company company, InstanceRef down) {
        return company.globalResiliency()
                .filter(pair -> pair.policy() == GlobalResiliencyPolicy.AUTOMATIC)
                .filter(pair -> pair.source().instanceId().equals(down.instanceId()))
                .isPresent();
    }

    /**
     * One step of following the company's traffic distribution (shifting it first when the policy says so);
     * how many sessions moved. Connect's refusals and the budget's are thrown: the next round tries again.
     */
    public int follow(Company company) {
        GlobalResiliency pair = company.globalResiliency().orElseThrow();
        Optional<InstanceRef> agentsOn = distributions.agentsOn(pair);
        if (pair.policy() == GlobalResiliencyPolicy.AUTOMATIC && downForTheCompany(pair.source())
                && agentsOn.filter(pair.replica()::equals).isEmpty()) {
            distributions.shiftTo(pair, pair.replica());
            LOG.infof("Source instance of %s DOWN: its traffic distribution group shifted to the replica (%s)",
                    company.code(), pair.replica().region());
            agentsOn = Optional.of(pair.replica());
        }
        return agentsOn.filter(to -> health.state(to.instanceId()) != InstanceState.DOWN)
                .map(to -> move.move(company, TrafficDistributions.other(pair, to), to))
                .orElse(0);
    }

    /** {@link #follow} whose failure is logged: the watch's next round tries again. */
    public void followSafely(Company company) {
        try {
            follow(company);
        } catch (RuntimeException e) {
            LOG.warnf("Following the traffic distribution of %s failed, the next round retries: %s", company.code(),
                    e.getMessage());
        }
    }

    private boolean downForTheCompany(InstanceRef instance) {
        return shared.read(instance.instanceId()).map(SharedInstanceState::state).orElse(null) == InstanceState.DOWN;
    }
}
