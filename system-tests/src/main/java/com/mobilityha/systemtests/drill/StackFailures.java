package com.mobilityha.systemtests.drill;

import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.systemtests.stack.LocalStack;

import java.util.function.Consumer;

/**
 * The failures the drills cause on a two-site stack (the demo's {@code HaDrill} and the system
 * tests' failover drills), each returning {@link Milestones} timed from the moment it was caused
 * and already watching what the servers do about it; a drill adds what its phones should notice.
 */
public final class StackFailures {
    /** Site secondary has taken site primary over. */
    public static final String TAKEN_OVER = "takeover";
    /** The gateway declared the primary Connect instance DOWN. */
    public static final String DOWN = "down";
    /** The gateway declared the primary Connect instance UP again. */
    public static final String UP = "up";
    /** The returning site primary cleared its takeover record. */
    public static final String CLEARED = "cleared";
    private static final String PRIMARY_TAKEOVER = RedisKeys.siteTakeover("primary");

    private final LocalStack stack;

    public StackFailures(LocalStack stack) {
        this.stack = stack;
    }

    /** Kills site primary (its four services by SIGKILL, its ingress); watches for {@link #TAKEN_OVER}. */
    public Milestones killPrimarySite() {
        long killed = System.nanoTime();
        stack.site("primary").kill();
        return Milestones.since(killed).watch(TAKEN_OVER, () -> !primaryTakenOverBy().isBlank());
    }

    /** Restarts site primary's services and ingress; watches for {@link #CLEARED}. */
    public Milestones restartPrimarySite(Consumer<String> narrator) {
        long restarting = System.nanoTime();
        stack.site("primary").restart(narrator);
        return Milestones.since(restarting).watch(CLEARED, () -> primaryTakenOverBy().isBlank());
    }

    /** The primary Connect instance stops answering (connections reset); watches for {@link #DOWN}. */
    public Milestones killPrimaryInstance() {
        long killed = System.nanoTime();
        stack.faultInstance(LocalStack.PRIMARY_INSTANCE, "RESET");
        return Milestones.since(killed).watch(DOWN, () -> stack.instanceStateIs(LocalStack.PRIMARY_INSTANCE, "DOWN"));
    }

    /** The primary Connect instance answers again; watches for {@link #UP}. */
    public Milestones healPrimaryInstance() {
        long healed = System.nanoTime();
        stack.faultInstance(LocalStack.PRIMARY_INSTANCE, "HEALTHY");
        return Milestones.since(healed).watch(UP, () -> stack.instanceStateIs(LocalStack.PRIMARY_INSTANCE, "UP"));
    }

    /** Site primary's link to the primary Connect instance stops carrying traffic; site secondary's works on. */
    public Milestones cutPrimarySitesLinkToPrimaryInstance() {
        long cut = System.nanoTime();
        stack.site("primary").cutConnectLink(LocalStack.PRIMARY_INSTANCE);
        return Milestones.since(cut);
    }

    /** Site primary's connect-gateway dies (SIGKILL) while the rest of the site runs on; watches for {@link #TAKEN_OVER}. */
    public Milestones killPrimarySitesGateway() {
        long killed = System.nanoTime();
        stack.site("primary").killService("connect-gateway");
        return Milestones.since(killed).watch(TAKEN_OVER, () -> !primaryTakenOverBy().isBlank());
    }

    /** Starts site primary's connect-gateway again; watches for {@link #CLEARED}. */
    public Milestones restartPrimarySitesGateway(Consumer<String> narrator) {
        long restarting = System.nanoTime();
        stack.site("primary").restartService("connect-gateway", narrator);
        return Milestones.since(restarting).watch(CLEARED, () -> primaryTakenOverBy().isBlank());
    }

    /**
     * Site primary's link to Redis goes down (its other links work on; site secondary reaches Redis); watches for
     * {@link #TAKEN_OVER}. Needs a stack started with that link.
     */
    public Milestones cutPrimarySitesRedisLink() {
        long cut = System.nanoTime();
        stack.cutPrimarySitesRedisLink();
        return Milestones.since(cut).watch(TAKEN_OVER, () -> !primaryTakenOverBy().isBlank());
    }

    /** Site primary reaches Redis again; watches for {@link #CLEARED}. */
    public Milestones restorePrimarySitesRedisLink() {
        long restored = System.nanoTime();
        stack.restorePrimarySitesRedisLink();
        return Milestones.since(restored).watch(CLEARED, () -> primaryTakenOverBy().isBlank());
    }

    /** Who took site primary over, as {@code <survivor>:<epoch>}; blank while nobody holds it. */
    public String primaryTakenOverBy() {
        return stack.onRedis("GET", PRIMARY_TAKEOVER);
    }
}
