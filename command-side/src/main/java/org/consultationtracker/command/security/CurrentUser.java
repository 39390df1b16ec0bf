package org.consultationtracker.command.security;

import org.consultationtracker.access.Account;
import org.consultationtracker.command.ActionNotPermitted;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who sends the current request. {@code role} is the most privileged of their roles: it is what every event's
 * metadata records as the role the actor acted in.
 */
public record CurrentUser(String username, Set<Role> roles, String participantId) {

    private static final Set<Role> STAFF = EnumSet.of(Role.ADMIN, Role.FACILITATOR, Role.NOTE_TAKER);

    public static CurrentUser fromSecurityContext() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            throw new IllegalStateException("no authenticated user; the security filter chain should have refused");
        }
        if (authentication.getPrincipal() instanceof Account account) {
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (Role role : Role.values()) {
                if (account.hasRole(role.name())) {
                    roles.add(role);
                }
            }
            return new CurrentUser(account.username(), roles, account.participantId());
        }
        // Test or other authentication mechanisms: roles from the authorities, no participant link.
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            for (Role role : Role.values()) {
                if (role.authority().equals(authority.getAuthority())) {
                    roles.add(role);
                }
            }
        }
        return new CurrentUser(authentication.getName(), roles, null);
    }

    public Role role() {
        return roles.stream().sorted().findFirst().orElseThrow(
                () -> new IllegalStateException("user " + username + " has no role"));
    }

    /** Staff (admin, facilitator, note-taker) act for anybody; a participant account only for its own participant. */
    public boolean actsOnlyForThemselves() {
        return roles.stream().noneMatch(STAFF::contains);
    }

    /** Personal data in clear is for an admin, or for the participant it describes; not for other staff. */
    public void requireMayReadPersonalDataOf(String participant) {
        if (!roles.contains(Role.ADMIN) && (participantId == null || !participantId.equals(participant))) {
            throw new ActionNotPermitted("user " + username + " may read only their own personal data");
        }
    }

    public void requireMayActFor(String participantIdInRequest) {
        if (actsOnlyForThemselves() && (participantId == null || !participantId.equals(participantIdInRequest))) {
            throw new ActionNotPermitted("user " + username + " may act only for their own participant record");
        }
    }
}
