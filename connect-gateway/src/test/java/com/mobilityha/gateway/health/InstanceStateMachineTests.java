package com.mobilityha.gateway.health;

import org.junit.jupiter.api.Test;

import static com.mobilityha.common.instance.InstanceState.DEGRADED;
import static com.mobilityha.common.instance.InstanceState.DOWN;
import static com.mobilityha.common.instance.InstanceState.UP;
import static com.mobilityha.gateway.health.ProbeResult.ANSWERED;
import static com.mobilityha.gateway.health.ProbeResult.FAILED;
import static com.mobilityha.gateway.health.ProbeResult.INCONCLUSIVE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One pod's view of one instance, probe by probe (down after 2 failures, up after 2 answers). */
class InstanceStateMachineTests {
    private final InstanceStateMachine machine = new InstanceStateMachine(2, 2);

    @Test
    void twoFailedProbesInARowMakeItDownAndTheFirstMakesItSuspect() {
        InstanceStateMachine.Step first = machine.probed(FAILED, true);
        assertFalse(first.changed());
        assertEquals("SUSPECT", machine.view(), "one failure neither vetoes nor confirms a DOWN");
        InstanceStateMachine.Step second = machine.probed(FAILED, true);
        assertEquals(new InstanceStateMachine.Step(UP, DOWN), second);
        assertEquals("DOWN", machine.view());
    }

    @Test
    void anAnswerBetweenFailuresStartsTheCountAgain() {
        machine.probed(FAILED, true);
        machine.probed(ANSWERED, true);
        machine.probed(FAILED, true);
        assertEquals(UP, machine.state());
        assertEquals("SUSPECT", machine.view());
    }

    @Test
    void inconclusiveProbesCountForNothing() {
        machine.probed(INCONCLUSIVE, true);
        assertFalse(machine.witnessed(), "a pod with only inconclusive probes has no view");
        machine.probed(FAILED, true);
        machine.probed(INCONCLUSIVE, true);
        machine.probed(INCONCLUSIVE, true);
        assertEquals(UP, machine.state(), "still one failure: pauses of this JVM are not evidence");
        machine.probed(FAILED, true);
        assertEquals(DOWN, machine.state());
    }

    @Test
    void aDownInstanceIsUpAgainAfterTwoAnswersAndItsBreakerIsReset() {
        machine.probed(FAILED, true);
        machine.probed(FAILED, false);
        assertFalse(machine.probed(ANSWERED, false).changed(), "one answer is not enough");
        InstanceStateMachine.Step back = machine.probed(ANSWERED, false);
        assertEquals(new InstanceStateMachine.Step(DOWN, UP), back, "UP, though the breaker is still open");
        assertTrue(back.recovered(), "the breaker forgets the outage's failures");
    }

    @Test
    void anAnsweringInstanceWithAnOpenBreakerIsDegraded() {
        assertEquals(new InstanceStateMachine.Step(UP, DEGRADED), machine.probed(ANSWERED, false));
        assertEquals("DEGRADED", machine.view());
        assertFalse(machine.probed(ANSWERED, false).recovered());
        assertEquals(UP, machine.probed(ANSWERED, true).to());
    }

    @Test
    void aDownIsProposedEveryRoundUntilTheSharedStateHoldsIt() {
        machine.probed(FAILED, true);
        machine.probed(FAILED, true);
        assertEquals(DOWN, machine.proposal());
        machine.reported(UP);
        machine.probed(FAILED, true);
        assertEquals(DOWN, machine.proposal(), "again: the quorum may not have agreed yet");
        machine.reported(DOWN);
        machine.probed(FAILED, true);
        assertNull(machine.proposal(), "nothing left to propose");
    }

    @Test
    void aFirstDownIsProposedEvenWhenNoSharedStateIsRecordedYet() {
        machine.probed(FAILED, true);
        machine.probed(FAILED, true);
        machine.reported(null);
        machine.probed(FAILED, true);
        assertEquals(DOWN, machine.proposal());
    }

    @Test
    void anAnsweringPodProposesUpOverASharedDownOnlyAfterTwoAnswersInARow() {
        machine.probed(ANSWERED, true);
        machine.reported(DOWN);
        assertNull(machine.proposal(), "one answer is not enough to overrule a DOWN");
        machine.probed(ANSWERED, true);
        assertEquals(UP, machine.proposal());
        machine.reported(UP);
        machine.probed(ANSWERED, true);
        assertNull(machine.proposal(), "agreeing: nothing to propose");
    }

    @Test
    void aChangeNotReportedYetIsProposedOnce() {
        machine.probed(ANSWERED, true);
        machine.reported(UP);
        machine.probed(ANSWERED, false);
        assertEquals(DEGRADED, machine.proposal());
        machine.reported(DEGRADED);
        machine.probed(ANSWERED, false);
        assertNull(machine.proposal());
    }
}
