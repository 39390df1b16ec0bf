package org.consultationtracker.query.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * The users allowed to query, from configuration ({@code consultation.security.users[n]}); passwords as BCrypt hashes.
 * The users in query-side.yml are for development only.
 */
@ConfigurationProperties(prefix = "consultation.security")
public record SecurityProperties(List<User> users) {

    public SecurityProperties {
        users = users == null ? List.of() : List.copyOf(users);
    }

    /** @param participantId for a participant account, the registered participant it speaks for; otherwise null */
    public record User(String username, String passwordHash, List<String> roles, String participantId) {
    }
}
