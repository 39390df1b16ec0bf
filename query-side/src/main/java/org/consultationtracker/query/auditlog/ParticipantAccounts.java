package org.consultationtracker.query.auditlog;

import org.consultationtracker.access.ConfiguredAccounts;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which participant a participant's own account speaks for, so the audit log shows who acted by pseudonym rather
 * than by account name. Known for the accounts configured with a {@code participant-id}; an account from an external
 * identity provider is not listed, and its name stays as the event recorded it.
 */
@Component
public class ParticipantAccounts {

    private static final String PARTICIPANT_ROLE = "PARTICIPANT";

    private final Map<String, String> participantByUsername = new HashMap<>();

    public ParticipantAccounts(ObjectProvider<ConfiguredAccounts> accounts) {
        ConfiguredAccounts configured = accounts == null ? null : accounts.getIfAvailable();
        if (configured != null) {
            for (ConfiguredAccounts.User user : configured.users()) {
                if (user.participantId() != null) {
                    participantByUsername.put(user.username(), user.participantId());
                }
            }
        }
    }

    /** The participant an event's actor spoke for, when it acted as a participant from a known account. */
    public Optional<String> participantOf(String actor, String role) {
        if (actor == null || !PARTICIPANT_ROLE.equals(role)) {
            return Optional.empty();
        }
        return Optional.ofNullable(participantByUsername.get(actor));
    }
}
