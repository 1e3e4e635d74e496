package com.mobilityha.notifier.admin;

import com.mobilityha.common.company.Company;
import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.problem.ProblemType;
import com.mobilityha.common.session.SessionRecord;
import com.mobilityha.common.session.SessionRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The usable sessions a notification targets, from the company, instance and user indexes. */
@ApplicationScoped
public class AudienceResolver {
    private final SessionRepository sessions;

    AudienceResolver(SessionRepository sessions) {
        this.sessions = sessions;
    }

    /** Session ids of the company's usable sessions in the audience (all, one instance's, or listed users'). */
    public List<String> sessions(Company company, NotificationRequest.Audience audience) {
        String companyCode = company.code();
        List<String> ids = switch (audience.type()) {
            case COMPANY -> sessions.sessionsOfCompany(companyCode);
            case INSTANCE -> company.connectInstances().stream()
                    .filter(i -> i.role().equals(audience.instanceRole()))
                    .findFirst()
                    .map(i -> sessions.sessionsOnInstance(i.instanceId()))
                    .orElseThrow(() -> new ProblemException(ProblemType.INVALID_REQUEST,
                            "The company has no " + audience.instanceRole() + " Connect instance"));
            case USERS -> audience.usernames().stream().distinct()
                    .flatMap(user -> sessions.sessionsOfUser(companyCode, user).stream()).toList();
        };
        Set<String> users = audience.type() == NotificationRequest.AudienceType.USERS
                ? new HashSet<>(audience.usernames()) : Set.of();
        return sessions.findAll(ids).stream()
                .filter(SessionRecord::usable)
                .filter(s -> s.companyCode().equalsIgnoreCase(companyCode))
                .filter(s -> users.isEmpty() || users.contains(s.user().username()))
                .filter(s -> audience.type() != NotificationRequest.AudienceType.INSTANCE
                        || s.instance().role().equals(audience.instanceRole()))
                .map(SessionRecord::sessionId)
                .toList();
    }
}
