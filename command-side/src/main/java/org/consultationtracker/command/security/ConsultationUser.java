package org.consultationtracker.command.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/** An authenticated account: its roles and, for a participant account, the participant it acts for. */
final class ConsultationUser implements UserDetails {

    private final String username;
    private final String passwordHash;
    private final Set<Role> roles;
    private final String participantId;

    ConsultationUser(ConsultationUsers.ConfiguredUser configured) {
        this.username = configured.username();
        this.passwordHash = configured.passwordHash();
        this.roles = configured.roles() == null || configured.roles().isEmpty()
                ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(configured.roles());
        this.participantId = configured.participantId();
    }

    Set<Role> roles() {
        return roles;
    }

    String participantId() {
        return participantId;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return roles.stream().map(role -> new SimpleGrantedAuthority(role.authority())).toList();
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }
}
