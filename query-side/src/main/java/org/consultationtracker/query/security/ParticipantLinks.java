package org.consultationtracker.query.security;

import org.consultationtracker.access.Account;
import org.consultationtracker.access.AccountAuthentication;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Which participant a signed-in account speaks for: the {@link Account}'s link (a configured {@code participant-id},
 * or an external provider's participant claim). Empty for staff and for a participant account linked to nobody
 * (which therefore reads nobody's data).
 */
@Component
public class ParticipantLinks {

    public Optional<String> participantOf(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return Optional.empty();
        }
        return AccountAuthentication.of(authentication).map(Account::participantId);
    }

    /** Whether the account holds {@code role} (ADMIN, FACILITATOR, NOTE_TAKER, REVIEWER or PARTICIPANT). */
    public static boolean hasRole(Authentication authentication, Role role) {
        return authentication != null && authentication.getAuthorities().stream()
                                                       .anyMatch(a -> a.getAuthority().equals("ROLE_" + role.name()));
    }
}
