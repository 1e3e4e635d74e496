package com.mobilityha.gateway.relogin;

import com.mobilityha.common.company.CompanyDirectory;
import com.mobilityha.common.instance.ConnectInstanceStates;
import com.mobilityha.common.instance.InstanceState;
import com.mobilityha.common.instance.SharedInstanceState;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import com.mobilityha.gateway.health.InstanceWentDown;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Finishes the failover duty of an instance whose pod died during it (or before it began): every pod
 * looks, on a schedule, for an instance DOWN for the company whose duty is not done and whose lease has
 * lapsed (or that nobody claimed a lease after the transition), takes it over and does it again for
 * every session still on the instance ({@link InstanceFailover#resume}).
 */
@ApplicationScoped
public class UnfinishedFailovers {
    private static final Logger LOG = Logger.getLogger(UnfinishedFailovers.class);

    private final List<InstanceRef> instances;
    private final ConnectInstanceStates states;
    private final FailoverDuties duties;
    private final InstanceFailover failover;

    UnfinishedFailovers(CompanyDirectory companies, ConnectInstanceStates states, FailoverDuties duties,
                        InstanceFailover failover) {
        this.instances = companies.all().stream().flatMap(c -> c.connectInstances().stream()).distinct().toList();
        this.states = states;
        this.duties = duties;
        this.failover = failover;
    }

    @Scheduled(every = "${gateway.relogin.resume-check:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void finishUnfinished() {
        for (InstanceRef instance : instances) {
            try {
                Optional<SharedInstanceState> shared = states.read(instance.instanceId());
                if (shared.isPresent() && shared.get().state() == InstanceState.DOWN && pastGrace(shared.get())
                        && duties.takeOver(instance.instanceId(), shared.get().epoch())) {
                    LOG.warnf("Connect instance %s: the failover of epoch %d was not finished by its pod; finishing it",
                            instance.instanceId(), shared.get().epoch());
                    failover.resume(new InstanceWentDown(instance, shared.get().epoch(), null));
                }
            } catch (RuntimeException e) {
                LOG.warnf("Unfinished failovers of %s not checked: %s", instance.instanceId(), e.getMessage());
            }
        }
    }

    /** The pod that won the transition has had a lease's time to claim its duty. */
    private boolean pastGrace(SharedInstanceState shared) {
        return Duration.between(shared.since(), Instant.now()).compareTo(duties.lease()) > 0;
    }
}
