package org.consultationtracker.access;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Optional;

/** An authenticated {@link Account}; its authorities are {@code ROLE_<name>} for each role. */
public final class AccountAuthentication extends AbstractAuthenticationToken {

    private final Account account;

    public AccountAuthentication(Account account) {
        super(account.roles().stream().sorted().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList());
        this.account = account;
        setAuthenticated(true);
    }

    public Account account() {
        return account;
    }

    /** The account of the current request, if it was authenticated as one. */
    public static Optional<Account> current() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    public static Optional<Account> of(Authentication authentication) {
        return authentication instanceof AccountAuthentication signedIn
                ? Optional.of(signedIn.account) : Optional.empty();
    }

    @Override
    public Object getCredentials() {
        return null; // the password was checked at sign-in and is not kept
    }

    @Override
    public Object getPrincipal() {
        return account;
    }

    @Override
    public String getName() {
        return account.username();
    }
}
