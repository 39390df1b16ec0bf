package org.consultationtracker.query.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * What the reader of the current request may see beyond what every reader sees. Decided here, on the server, from the
 * request's authentication (its {@code ROLE_<name>} authorities), so a page cannot ask for more than its reader may have.
 */
public final class CurrentReader {

    private static final String ADMIN = "ROLE_" + Role.ADMIN.name();

    private CurrentReader() {
    }

    /**
     * Whether the reader may see which account sent an anonymous contribution (the user name and role an event's
     * metadata records, the user who typed, edited or retracted an anonymous key point). Only admins may, for
     * accountability; for everyone else an anonymous contribution carries no identity. No authentication at all (a
     * call from inside the service) counts as not allowed.
     */
    public static boolean mayIdentifyAnonymousContributors() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.isAuthenticated()
                && authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(ADMIN::equals);
    }
}
