package org.consultationtracker.command.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * The users allowed in, from configuration ({@code consultation.security.users[n].*}); passwords are BCrypt hashes.
 *
 * @param users the accounts; a participant account names the participant it may act for
 */
@ConfigurationProperties("consultation.security")
public record ConsultationUsers(List<ConfiguredUser> users) {

    public ConsultationUsers {
        users = users == null ? List.of() : List.copyOf(users);
    }

    /** @param participantId for a PARTICIPANT account, the registered participant it speaks for */
    public record ConfiguredUser(String username, String passwordHash, List<Role> roles, String participantId) {
    }
}
