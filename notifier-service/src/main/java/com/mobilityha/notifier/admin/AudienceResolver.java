package com.mobilityha.notifier.admin;

import com.mobilityha.common.session.SessionRecord;
import com.mobilityha.common.session.SessionRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The usable sessions a notification targets, from session-service's company and user indexes. */
@ApplicationScoped
public class AudienceResolver {
    private final SessionRepository sessions;

    AudienceResolver(SessionRepository sessions) {
        this.sessions = sessions;
    }

    /** Session ids of the company's usable sessions, optionally only those of the listed users. */
    public List<String> sessions(String companyCode, NotificationRequest.Audience audience) {
        boolean everyone = audience.type() == NotificationRequest.AudienceType.COMPANY;
        List<String> ids = everyone ? sessions.sessionsOfCompany(companyCode)
                : audience.usernames().stream().distinct()
                        .flatMap(user -> sessions.sessionsOfUser(companyCode, user).stream()).toList();
        Set<String> users = everyone ? Set.of() : new HashSet<>(audience.usernames());
        return sessions.findAll(ids).stream()
                .filter(SessionRecord::usable)
                .filter(s -> s.companyCode().equalsIgnoreCase(companyCode))
                .filter(s -> everyone || users.contains(s.user().username()))
                .map(SessionRecord::sessionId)
                .toList();
    }
}
