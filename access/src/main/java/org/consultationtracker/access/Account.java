package org.consultationtracker.access;

import org.springframework.security.core.AuthenticatedPrincipal;

import java.util.Set;

/**
 * Who a request comes from, however they signed in (a password at sign-in, or an external identity provider's
 * token). Roles are the product's role names (ADMIN, FACILITATOR, NOTE_TAKER, REVIEWER, PARTICIPANT); each service
 * maps them to its own enum.
 *
 * @param username      the account name (for an external provider, its configured user-name claim)
 * @param roles         role names, never null
 * @param participantId for a participant account, the registered participant it speaks for; otherwise null
 * @param issuer        {@link #LOCAL} for the configured accounts, else the external issuer's URI
 */
public record Account(String username, Set<String> roles, String participantId, String issuer)
        implements AuthenticatedPrincipal {

    public static final String LOCAL = "local";

    public Account {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    @Override
    public String getName() {
        return username;
    }
}
