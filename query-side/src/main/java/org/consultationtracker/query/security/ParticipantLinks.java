package org.consultationtracker.query.security;

import org.consultationtracker.access.Account;
import org.consultationtracker.access.AccountAuthentication;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which participant a signed-in account speaks for: an {@link Account}'s own link, or, for a configured user signed
 * in with HTTP Basic, its {@code participant-id}. Empty for staff and for a participant account linked to nobody
 * (which therefore reads nobody's data).
 */
@Component
public class ParticipantLinks {

    private final Map<String, String> byUsername;

    public ParticipantLinks(SecurityProperties properties) {
        this.byUsername = properties.users().stream()
                                    .filter(user -> user.participantId() != null && !user.participantId().isBlank())
                                    .collect(Collectors.toUnmodifiableMap(SecurityProperties.User::username,
                                                                          SecurityProperties.User::participantId));
    }

    public Optional<String> participantOf(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return Optional.empty();
        }
        Optional<Account> account = AccountAuthentication.of(authentication);
        if (account.isPresent()) {
            return Optional.ofNullable(account.get().participantId());
        }
        return Optional.ofNullable(byUsername.get(authentication.getName()));
    }

    /** Whether the account holds {@code role} (ADMIN, FACILITATOR, NOTE_TAKER, REVIEWER or PARTICIPANT). */
    public static boolean hasRole(Authentication authentication, Role role) {
        return authentication != null && authentication.getAuthorities().stream()
                                                       .anyMatch(a -> a.getAuthority().equals("ROLE_" + role.name()));
    }
}
