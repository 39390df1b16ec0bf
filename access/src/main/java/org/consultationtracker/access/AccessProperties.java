package org.consultationtracker.access;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How sign-in, sessions and throttling behave ({@code consultation.access.*}); every value has a default that suits
 * {@code ./run}, and docs/operations.md explains each.
 *
 * @param idleTimeout      a session or token unused this long ends
 * @param absoluteTimeout  a session or token ends this long after sign-in, however much it is used
 * @param sessionCheck     how long an instance trusts a session it has read before reading it again: a sign-out on
 *                         another instance takes effect within this; the instance that signs out forgets at once
 * @param cookie           the browser session cookie
 * @param accountThrottle  failed sign-ins per account name
 * @param addressThrottle  failed sign-ins per client address
 * @param passwordChecks   password hashes checked at once; more sign-ins wait up to {@code passwordCheckWait}
 * @param passwordCheckWait how long a sign-in waits for a free password check before "busy" (503)
 * @param scrapeTokenSha256 hex SHA-256 of the bearer credential Prometheus presents for {@code /actuator/prometheus};
 *                         empty: only admins read metrics
 * @param oidc             how an external identity provider's token claims map to accounts
 */
@ConfigurationProperties("consultation.access")
public record AccessProperties(Duration idleTimeout, Duration absoluteTimeout, Duration sessionCheck, Cookie cookie,
                               Throttle accountThrottle, Throttle addressThrottle, Integer passwordChecks,
                               Duration passwordCheckWait, String scrapeTokenSha256, Oidc oidc) {

    public AccessProperties {
        idleTimeout = idleTimeout == null ? Duration.ofMinutes(30) : idleTimeout;
        absoluteTimeout = absoluteTimeout == null ? Duration.ofHours(12) : absoluteTimeout;
        sessionCheck = sessionCheck == null ? Duration.ofSeconds(10) : sessionCheck;
        cookie = cookie == null ? new Cookie(null, null) : cookie;
        accountThrottle = accountThrottle == null
                ? new Throttle(5, Duration.ofMinutes(15), Duration.ofMinutes(15)) : accountThrottle;
        addressThrottle = addressThrottle == null
                ? new Throttle(20, Duration.ofMinutes(15), Duration.ofMinutes(15)) : addressThrottle;
        passwordChecks = passwordChecks == null
                ? Math.max(1, Runtime.getRuntime().availableProcessors()) : passwordChecks;
        passwordCheckWait = passwordCheckWait == null ? Duration.ofSeconds(2) : passwordCheckWait;
        scrapeTokenSha256 = scrapeTokenSha256 == null ? "" : scrapeTokenSha256.trim().toLowerCase();
        oidc = oidc == null ? new Oidc(null, null, null, null) : oidc;
    }

    /**
     * @param name   the cookie's name
     * @param secure "auto" (Secure when the request came over HTTPS), "always" or "never"
     */
    public record Cookie(String name, String secure) {
        public Cookie {
            name = name == null || name.isBlank() ? "ct_session" : name;
            secure = secure == null || secure.isBlank() ? "auto" : secure;
        }
    }

    /**
     * After {@code maxFailures} failed sign-ins within {@code window}, sign-in is refused for {@code lockout}.
     */
    public record Throttle(int maxFailures, Duration window, Duration lockout) {
    }

    /**
     * Claims of an external provider's token (the provider itself is Spring's standard
     * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}).
     *
     * @param usernameClaim    the account name, default {@code preferred_username} (then {@code sub})
     * @param rolesClaim       a list of role names; a dotted path reaches into objects, e.g. {@code realm_access.roles};
     *                         default {@code consultation_roles}
     * @param participantClaim the participant id a participant account speaks for, default {@code participant_id}
     * @param roleNames        the provider's role names mapped to ours (e.g. {@code consultation-admin: ADMIN});
     *                         a name that equals one of ours (any case) needs no entry; others are ignored
     */
    public record Oidc(String usernameClaim, String rolesClaim, String participantClaim, Map<String, String> roleNames) {
        public Oidc {
            usernameClaim = usernameClaim == null || usernameClaim.isBlank() ? "preferred_username" : usernameClaim;
            rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "consultation_roles" : rolesClaim;
            participantClaim = participantClaim == null || participantClaim.isBlank()
                    ? "participant_id" : participantClaim;
            roleNames = roleNames == null ? Map.of() : Map.copyOf(roleNames);
        }
    }

    /** The product's roles, most privileged first. */
    public static final List<String> ROLES = List.of("ADMIN", "FACILITATOR", "NOTE_TAKER", "REVIEWER", "PARTICIPANT");
}
