package com.mobilityha.session.console;

import com.mobilityha.common.company.Company;
import com.mobilityha.common.reachability.PhoneReachability;
import com.mobilityha.common.session.SessionRecord;
import com.mobilityha.common.session.SessionRepository;
import com.mobilityha.session.console.UnreachableAgents.Agent;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads a company's {@link UnreachableAgents} from the watchdog's marks ({@link PhoneReachability}): the
 * sessions it made non-routable, those of the company still open, each with its phone's record. The marks of
 * all companies are one set, read whole: a few hundred sessions at most in an outage of many phones.
 */
@ApplicationScoped
public class UnreachableAgentsQuery {
    private final PhoneReachability reachability;
    private final SessionRepository sessions;

    UnreachableAgentsQuery(PhoneReachability reachability, SessionRepository sessions) {
        this.reachability = reachability;
        this.sessions = sessions;
    }

    /** The company's agents made unreachable, the longest unreachable first, at most {@code limit} of them. */
    public UnreachableAgents of(Company company, int limit) {
        List<Agent> all = sessions.findAll(reachability.madeUnreachable()).stream()
                .filter(session -> session.usable() && session.companyCode().equals(company.code()))
                .flatMap(session -> agent(session).stream())
                .sorted(Comparator.comparing(Agent::since).thenComparing(Agent::username))
                .toList();
        return new UnreachableAgents(all.size(), all.subList(0, Math.min(limit, all.size())));
    }

    private Optional<Agent> agent(SessionRecord session) {
        return reachability.find(session.sessionId()).flatMap(record -> record.unreachable().map(mark ->
                new Agent(session.user().username(), session.site(), session.instance().role(), mark.at(), mark.status(),
                        record.seenAt(), record.seenBy().name(), record.cameBack())));
    }
}
