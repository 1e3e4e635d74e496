package com.mobilityha.gateway.resiliency;

import com.mobilityha.common.company.Company;
import com.mobilityha.common.company.GlobalResiliency;
import com.mobilityha.common.instance.InstanceState;
import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.problem.ProblemType;
import com.mobilityha.common.session.SessionRecord;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import com.mobilityha.common.session.SessionRepository;
import com.mobilityha.common.session.SessionStatus;
import com.mobilityha.gateway.health.InstanceHealth;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.connect.model.GetTrafficDistributionResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * B3: an administrator's shift of a Global Resiliency company's traffic ({@link TrafficShift}). Starting one
 * sends its first share in one UpdateTrafficDistribution (with the sign-in to the target's Region only): a
 * request Connect refuses changes nothing and moves nobody. The watch's rounds then send the next waves,
 * each after the pause, and move the wave's agents (off-call first; on a working instance an agent on a
 * call waits for its end), paced to the Connect budget by {@link AgentsMove}. A group changed by someone
 * else meanwhile ends the shift (overtaken): the watch follows the group from then on.
 */
@ApplicationScoped
public class TrafficShifts {
    private static final Logger LOG = Logger.getLogger(TrafficShifts.class);
    /** How long an administrator's shift waits for another change of the company's shift to be made. */
    static final Duration BUSY_WAIT = Duration.ofSeconds(5);
    private static final Duration BUSY_RETRY = Duration.ofMillis(100);

    private final TrafficDistributions distributions;
    private final TrafficShiftStore store;
    private final SessionRepository sessions;
    private final AgentsMove move;
    private final InstanceHealth health;

    TrafficShifts(TrafficDistributions distributions, TrafficShiftStore store, SessionRepository sessions, AgentsMove move,
                  InstanceHealth health) {
        this.distributions = distributions;
        this.store = store;
        this.sessions = sessions;
        this.move = move;
        this.health = health;
    }

    /** The company's latest shift. */
    public Optional<TrafficShift> latest(Company company) {
        return store.find(company.code());
    }

    /**
     * The company's shift to {@code target} that a new request to it would repeat: one in progress, or one done
     * whose group still sends every agent there.
     */
    public Optional<TrafficShift> sameAs(Company company, InstanceRef target) {
        return latest(company).filter(shift -> shift.targetRole().equals(target.role()))
                .filter(shift -> shift.state() == TrafficShift.State.IN_PROGRESS || shift.state() == TrafficShift.State.DONE
                        && TrafficDistributions.agentsShare(distributions.read(pair(company)), target) == 100);
    }

    /**
     * Starts a shift under an id chosen beforehand (the one its audit entry names); it replaces the company's
     * shift in progress, if any, from the share the group sends to the target now. A shift to where one goes
     * already (an administrator's at the same time on another pod) is that one. While another change of the
     * company's shift is being made it waits up to {@link #BUSY_WAIT}, then is a 409 problem.
     */
    public TrafficShift start(Company company, InstanceRef target, boolean inWaves, Duration pause, String startedBy,
                              String shiftId) {
        if (health.state(target.instanceId()) == InstanceState.DOWN) {
            throw new ProblemException(ProblemType.SHIFT_TARGET_DOWN, "The " + target.role() + " Connect instance ("
                    + target.region() + ") is DOWN; agents stay where they are");
        }
        Instant giveUp = Instant.now().plus(BUSY_WAIT);
        while (true) {
            Optional<TrafficShift> started = store.whileLocked(company.code(),
                    () -> sameAs(company, target).orElseGet(() -> send(company, target, inWaves, pause, startedBy, shiftId)));
            if (started.isPresent()) {
                return started.get();
            }
            if (Instant.now().isAfter(giveUp)) {
                throw new ProblemException(ProblemType.TRAFFIC_SHIFT_BUSY, "Another change of " + company.code()
                        + "'s traffic distribution is being made; nothing was changed by this request");
            }
            pauseBeforeRetry();
        }
    }

    private TrafficShift send(Company company, InstanceRef target, boolean inWaves, Duration pause, String startedBy,
                              String shiftId) {
        GlobalResiliency pair = pair(company);
        int now = TrafficDistributions.agentsShare(distributions.read(pair), target);
        int first = inWaves ? Math.min(100, now - now % TrafficShift.WAVE + TrafficShift.WAVE) : 100;
        Instant at = Instant.now();
        TrafficShift shift = new TrafficShift(shiftId, company.code(), target.role(), target.region(), inWaves,
                pause.toSeconds(), first, first == 100 ? TrafficShift.State.DONE : TrafficShift.State.IN_PROGRESS,
                startedBy, at, first == 100 ? null : at.plus(pause));
        distributions.update(pair, target, first, true);
        store.save(shift);
        LOG.infof("Traffic shift %s of %s to the %s instance (%s) started by %s: %d %% sent there%s", shiftId,
                company.code(), target.role(), target.region(), startedBy, first, inWaves ? ", the rest in waves" : "");
        return shift;
    }

    /**
     * One round of the company's shift in progress, if any: its next wave when due, and the agents the wave moves.
     * Skipped while another change of the company's shift is being made (the next round does it).
     */
    public void advance(Company company) {
        GlobalResiliency pair = pair(company);
        store.whileLocked(company.code(), () -> sendDueWave(company, pair).orElse(null))
                .ifPresent(shift -> moveWave(company, pair, target(pair, shift), shift.percentage()));
    }

    /** The company's shift in progress, after its next wave when due; empty when none is, or its target is DOWN. */
    private Optional<TrafficShift> sendDueWave(Company company, GlobalResiliency pair) {
        Optional<TrafficShift> inProgress = latest(company).filter(s -> s.state() == TrafficShift.State.IN_PROGRESS);
        if (inProgress.isEmpty()) {
            return Optional.empty();
        }
        TrafficShift shift = inProgress.get();
        InstanceRef target = target(pair, shift);
        GetTrafficDistributionResponse distribution = distributions.readInBackground(pair);
        int share = TrafficDistributions.agentsShare(distribution, target);
        if (share != shift.percentage()) {
            store.save(shift.ended(share == 100 ? TrafficShift.State.DONE : TrafficShift.State.OVERTAKEN, share));
            LOG.infof("Traffic shift %s of %s overtaken: the group sends %d %% of the agents to the %s instance, not %d %%",
                    shift.shiftId(), company.code(), share, target.role(), shift.percentage());
            return Optional.empty();
        }
        if (health.state(target.instanceId()) == InstanceState.DOWN) {
            return Optional.empty();
        }
        if (!Instant.now().isBefore(shift.nextWaveAt())) {
            TrafficShift next = shift.nextWave(Instant.now());
            distributions.update(pair, target, next.percentage(), false);
            store.save(next);
            LOG.infof("Traffic shift %s of %s: wave to %d %% on the %s instance", shift.shiftId(), company.code(),
                    next.percentage(), target.role());
            shift = next;
        }
        return Optional.of(shift);
    }

    /** {@link #advance} whose failure is logged: the next round tries again. */
    public void advanceSafely(Company company) {
        try {
            advance(company);
        } catch (RuntimeException e) {
            LOG.warnf("Traffic shift of %s not advanced this round, the next one retries: %s", company.code(), e.getMessage());
        }
    }

    /** The instance of the company's pair in this Region, or a 400 problem naming both. */
    public static InstanceRef instanceIn(Company company, String region) {
        GlobalResiliency pair = pair(company);
        return List.of(pair.source(), pair.replica()).stream().filter(i -> i.region().equals(region)).findFirst()
                .orElseThrow(() -> ProblemException.invalidFields(List.of(new ProblemException.FieldError("region",
                        "must be " + pair.source().region() + " (source) or " + pair.replica().region() + " (replica)"))));
    }

    /** The company's pair, or a 404 problem when its instances are independent. */
    static GlobalResiliency pair(Company company) {
        return company.globalResiliency().orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "The company's Connect instances are not an Amazon Connect Global Resiliency pair"));
    }

    /** The company's agents working now (ACTIVE sessions), on whichever instance of the pair. */
    public List<SessionRecord> working(Company company) {
        return sessions.findAll(sessions.sessionsOfCompany(company.code())).stream()
                .filter(s -> s.status() == SessionStatus.ACTIVE).toList();
    }

    /** Moves agents to {@code target} until it has {@code percentage} % of the company's live sessions (rounded up). */
    private void moveWave(Company company, GlobalResiliency pair, InstanceRef target, int percentage) {
        List<SessionRecord> live = working(company);
        long onTarget = live.stream().filter(s -> s.instance().instanceId().equals(target.instanceId())).count();
        long wanted = (live.size() * (long) percentage + 99) / 100;
        if (wanted > onTarget) {
            move.move(company, TrafficDistributions.other(pair, target), target, (int) (wanted - onTarget));
        }
    }

    private static void pauseBeforeRetry() {
        try {
            Thread.sleep(BUSY_RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(ProblemType.TRAFFIC_SHIFT_BUSY, "Interrupted while another change of the traffic"
                    + " distribution was being made; nothing was changed by this request");
        }
    }

    private static InstanceRef target(GlobalResiliency pair, TrafficShift shift) {
        return pair.source().role().equals(shift.targetRole()) ? pair.source() : pair.replica();
    }
}
