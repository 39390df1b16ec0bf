package org.consultationtracker.access;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * The accounts that sign in with a password, from configuration ({@code consultation.security.users[n].*});
 * passwords are BCrypt hashes. The lists in the services' yml files are development users only: a deployment
 * replaces the whole list (Spring binds a list as a replacement, not a merge) or signs people in through an external
 * identity provider instead.
 */
@ConfigurationProperties("consultation.security")
public record ConfiguredAccounts(List<User> users) {

    public ConfiguredAccounts {
        users = users == null ? List.of() : List.copyOf(users);
    }

    /** @param participantId for a PARTICIPANT account, the registered participant it speaks for */
    public record User(String username, String passwordHash, List<String> roles, String participantId) {

        public User {
            roles = roles == null ? List.of() : List.copyOf(roles);
        }
    }
}
