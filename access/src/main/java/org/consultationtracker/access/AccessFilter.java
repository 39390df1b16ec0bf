package org.consultationtracker.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.consultationtracker.boundary.ProblemJson;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates a request from what it carries, without a password: an {@code Authorization: Bearer ct_...} token
 * or the browser's session cookie (both looked up in {@link SessionStore}), or the metrics scrape credential. A
 * bearer token of any other shape is left to the external identity provider's decoder, when one is configured.
 *
 * <p>A cookie is sent by the browser on its own, so a write authenticated by the cookie must also carry the
 * session's CSRF token in {@code X-CSRF-Token} (the page reads it from {@code GET /api/session}); a bearer token is
 * sent only by a client that holds it, so it needs none. HTTP Basic is refused with a pointer to sign-in: it would
 * check a password hash on every request.
 */
final class AccessFilter extends OncePerRequestFilter {

    static final String SESSION_ATTRIBUTE = AccessFilter.class.getName() + ".session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final SessionStore sessions;
    private final SessionCookie cookie;
    private final String scrapeTokenSha256;
    private final boolean externalTokens;

    AccessFilter(SessionStore sessions, SessionCookie cookie, String scrapeTokenSha256, boolean externalTokens) {
        this.sessions = sessions;
        this.cookie = cookie;
        this.scrapeTokenSha256 = scrapeTokenSha256;
        this.externalTokens = externalTokens;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader("Authorization");
        if (authorization != null) {
            if (!fromHeader(authorization, request, response)) {
                return;
            }
        } else if (!isSignIn(request)) {
            String token = cookie.read(request);
            if (token != null && !fromCookie(token, request, response)) {
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** @return false when the request was answered (refused) here */
    private boolean fromHeader(String authorization, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        int space = authorization.indexOf(' ');
        String scheme = (space < 0 ? authorization : authorization.substring(0, space)).toLowerCase(Locale.ROOT);
        String credential = space < 0 ? "" : authorization.substring(space + 1).trim();
        if (scheme.equals("basic")) {
            AccessProblems.unauthorized(response, "HTTP Basic is not accepted",
                    "The password is checked once, at sign-in. " + AccessProblems.SIGN_IN);
            return false;
        }
        if (!scheme.equals("bearer") || credential.isEmpty()) {
            AccessProblems.unauthorized(response, "Unsupported credentials", AccessProblems.SIGN_IN);
            return false;
        }
        if (credential.startsWith(SessionStore.TOKEN_PREFIX)) {
            Optional<SessionStore.Session> session = sessions.resolve(credential);
            if (session.isEmpty()) {
                AccessProblems.unauthorized(response, "Token not valid",
                        "The token has expired, was signed out, or was never issued. " + AccessProblems.SIGN_IN);
                return false;
            }
            signIn(request, session.get());
            return true;
        }
        if (!scrapeTokenSha256.isEmpty() && MessageDigest.isEqual(
                scrapeTokenSha256.getBytes(StandardCharsets.US_ASCII),
                SessionStore.hash(credential).getBytes(StandardCharsets.US_ASCII))) {
            authenticate(UsernamePasswordAuthenticationToken.authenticated("metrics-scraper", null,
                    List.of(new SimpleGrantedAuthority("ROLE_" + AccessSecurity.METRICS_SCRAPER))));
            return true;
        }
        if (!externalTokens) {
            AccessProblems.unauthorized(response, "Token not valid",
                    "This service issues tokens starting with '" + SessionStore.TOKEN_PREFIX
                            + "' and accepts no external provider's. " + AccessProblems.SIGN_IN);
            return false;
        }
        return true; // an external provider's token: the resource server's decoder checks it next
    }

    private boolean fromCookie(String token, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Optional<SessionStore.Session> session = sessions.resolve(token);
        if (session.isEmpty()) {
            // Ended or unknown: forget the cookie and go on as a visitor (pages load; data calls answer 401).
            cookie.clear(request, response);
            return true;
        }
        if (!SAFE_METHODS.contains(request.getMethod()) && !csrfTokenMatches(request, session.get())) {
            ProblemJson.write(response, 403, "CSRF token missing or wrong",
                    "A write authenticated by the session cookie must send the session's CSRF token in the "
                            + CSRF_HEADER + " header (GET /api/session gives it).", null);
            return false;
        }
        signIn(request, session.get());
        return true;
    }

    /**
     * A sign-in checks a password and uses no cookie: a browser that still holds a live session cookie (a second
     * tab, a page that lost track) must not be refused for lacking that session's CSRF token.
     */
    private static boolean isSignIn(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())) {
            return false;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/api/session") || path.equals("/api/tokens");
    }

    private static boolean csrfTokenMatches(HttpServletRequest request, SessionStore.Session session) {
        String sent = request.getHeader(CSRF_HEADER);
        return sent != null && session.csrfToken() != null && MessageDigest.isEqual(
                sent.getBytes(StandardCharsets.UTF_8), session.csrfToken().getBytes(StandardCharsets.UTF_8));
    }

    private static void signIn(HttpServletRequest request, SessionStore.Session session) {
        request.setAttribute(SESSION_ATTRIBUTE, session);
        authenticate(new AccountAuthentication(session.account()));
    }

    private static void authenticate(Authentication authentication) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
    }

    /** The session the filter found for this request, if it was authenticated by one. */
    static Optional<SessionStore.Session> session(HttpServletRequest request) {
        return Optional.ofNullable((SessionStore.Session) request.getAttribute(SESSION_ATTRIBUTE));
    }

    /** Whether the session came in the cookie rather than the Authorization header. */
    static boolean byCookie(HttpServletRequest request) {
        return request.getHeader("Authorization") == null && session(request).isPresent();
    }
}
