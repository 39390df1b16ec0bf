package org.consultationtracker.access;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.consultationtracker.boundary.BodyTooLarge;
import org.consultationtracker.boundary.FieldProblem;
import org.consultationtracker.boundary.JsonProblems;
import org.consultationtracker.boundary.ProblemJson;
import org.consultationtracker.boundary.RequestBodyLimit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sign-in, the session, sign-out, and the lockouts an administrator may release. The same endpoints on both
 * services, over the same store: a session opened on one is valid on the other.
 */
@RestController
class SignInController {

    private static final Logger log = LoggerFactory.getLogger(SignInController.class);
    private static final int MAX_NAME = 100;
    /** BCrypt reads at most 72 bytes; a longer password matches no configured hash and is refused as wrong. */
    private static final int MAX_PASSWORD_BYTES = 72;

    /** A sign-in: the configured user name and password. */
    record Credentials(String username, String password) {
    }

    /** Who is signed in and until when; {@code csrfToken} only for a browser session. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SessionAnswer(String username, List<String> roles, String participantId, String signedInWith,
                         Instant expiresAt, Long idleTimeoutSeconds, String csrfToken) {
    }

    /** An access token for an API client: send it as {@code Authorization: Bearer <accessToken>}. */
    record TokenAnswer(String accessToken, String tokenType, Instant expiresAt, long idleTimeoutSeconds,
                       String username, List<String> roles, String participantId) {
    }

    record LockoutAnswer(String key, String kind, String subject, Instant lockedUntil) {
    }

    private final PasswordCheck passwords;
    private final SignInThrottle throttle;
    private final SessionStore sessions;
    private final SessionCookie cookie;
    private final AccessProperties properties;
    private final Clock clock;

    SignInController(PasswordCheck passwords, SignInThrottle throttle, SessionStore sessions, SessionCookie cookie,
                     AccessProperties properties, AccessClock clock) {
        this.passwords = passwords;
        this.throttle = throttle;
        this.sessions = sessions;
        this.cookie = cookie;
        this.properties = properties;
        this.clock = clock.clock();
    }

    @PostMapping(path = "/api/session", consumes = "application/json", produces = "application/json")
    ResponseEntity<SessionAnswer> openSession(@RequestBody Credentials credentials, HttpServletRequest request,
                                              HttpServletResponse response) {
        SessionStore.Opened opened = sessions.open(signIn(credentials, request), SessionStore.Kind.BROWSER);
        cookie.write(request, response, opened.token());
        return ResponseEntity.status(HttpStatus.CREATED).body(answer(opened.session(), "password"));
    }

    @PostMapping(path = "/api/tokens", consumes = "application/json", produces = "application/json")
    ResponseEntity<TokenAnswer> issueToken(@RequestBody Credentials credentials, HttpServletRequest request) {
        SessionStore.Opened opened = sessions.open(signIn(credentials, request), SessionStore.Kind.BEARER);
        Account signedIn = opened.session().account();
        return ResponseEntity.status(HttpStatus.CREATED).body(new TokenAnswer(opened.token(), "Bearer",
                opened.session().absoluteExpiresAt(), properties.idleTimeout().toSeconds(), signedIn.username(),
                signedIn.roles().stream().sorted().toList(), signedIn.participantId()));
    }

    @GetMapping(path = "/api/session", produces = "application/json")
    SessionAnswer session(Authentication authentication, HttpServletRequest request) {
        Optional<SessionStore.Session> session = AccessFilter.session(request);
        if (session.isPresent()) {
            return answer(session.get(), AccessFilter.byCookie(request) ? "password" : "token");
        }
        Account account = AccountAuthentication.of(authentication).orElseThrow(
                () -> new IllegalStateException("authenticated without an account: " + authentication));
        return new SessionAnswer(account.username(), account.roles().stream().sorted().toList(),
                account.participantId(), account.issuer(), null, null, null);
    }

    /** Sign-out: the session (cookie) or the token (bearer) ends on every instance. */
    @DeleteMapping("/api/session")
    ResponseEntity<Void> signOut(HttpServletRequest request, HttpServletResponse response) {
        AccessFilter.session(request).ifPresent(session -> {
            sessions.close(session.id());
            log.info("signed out: {}", session.account().username());
        });
        cookie.clear(request, response);
        return ResponseEntity.noContent().build();
    }

    @GetMapping(path = "/api/sign-in-lockouts", produces = "application/json")
    List<LockoutAnswer> lockouts() {
        return throttle.lockouts().stream()
                       .map(l -> new LockoutAnswer(l.key(), l.kind(), l.subject(), l.until()))
                       .toList();
    }

    /** Releases a lockout before its time ({@code account:<name>} or {@code address:<ip>}). */
    @DeleteMapping("/api/sign-in-lockouts/{key}")
    ResponseEntity<Void> release(@PathVariable String key, Authentication authentication) {
        if (!throttle.release(key)) {
            throw new Refusal(404, "No such lockout",
                    "No lockout is in force under this key (it may have ended by itself).", null, null);
        }
        log.warn("sign-in lockout {} released by {}", key, authentication.getName());
        return ResponseEntity.noContent().build();
    }

    private Account signIn(Credentials credentials, HttpServletRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        String username = credentials == null ? null : credentials.username();
        String password = credentials == null ? null : credentials.password();
        if (username == null || username.isBlank()) {
            problems.add(new FieldProblem("username", "is required"));
        } else if (username.length() > MAX_NAME) {
            problems.add(new FieldProblem("username", "must be at most " + MAX_NAME + " characters"));
        }
        if (password == null || password.isEmpty()) {
            problems.add(new FieldProblem("password", "is required"));
        } else if (password.length() > 1000) {
            problems.add(new FieldProblem("password", "must be at most 1000 characters"));
        }
        if (!problems.isEmpty()) {
            throw new Refusal(400, "Invalid sign-in", "The sign-in names a user and a password.", problems, null);
        }
        String address = request.getRemoteAddr();
        Optional<SignInThrottle.Lockout> lockout = throttle.lockoutFor(username, address);
        if (lockout.isPresent()) {
            throw tooMany(lockout.get());
        }
        PasswordCheck.Outcome outcome = password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES
                ? new PasswordCheck.Outcome.Refused() : passwords.check(username, password);
        if (outcome instanceof PasswordCheck.Outcome.Busy) {
            throw new Refusal(503, "Busy", "Too many sign-ins at once; try again in a moment.", null, "1");
        }
        if (outcome instanceof PasswordCheck.Outcome.Accepted accepted) {
            throttle.succeeded(username);
            log.info("signed in: {} from {}", accepted.account().username(), address);
            return accepted.account();
        }
        Optional<SignInThrottle.Lockout> caused = throttle.failed(username, address);
        log.warn("failed sign-in for '{}' from {}", username.length() > 40 ? username.substring(0, 40) : username,
                address);
        if (caused.isPresent()) {
            throw tooMany(caused.get());
        }
        throw new Refusal(401, "Sign-in failed", "That user name and password do not match.", null, null);
    }

    private Refusal tooMany(SignInThrottle.Lockout lockout) {
        long seconds = Math.max(1, Duration.between(clock.instant(), lockout.until()).toSeconds());
        String what = lockout.kind().equals("account") ? "this account" : "this address";
        return new Refusal(429, "Too many failed sign-ins",
                "Sign-in for " + what + " is locked until " + lockout.until() + " after too many failed attempts. "
                        + "It ends by itself then, or an administrator can release it.", null, Long.toString(seconds));
    }

    /** A refused sign-in or release, answered as problem+json by {@link #refused}. */
    static final class Refusal extends RuntimeException {
        private final int status;
        private final String title;
        private final List<FieldProblem> errors;
        private final String retryAfter;

        Refusal(int status, String title, String detail, List<FieldProblem> errors, String retryAfter) {
            super(detail, null, false, false);
            this.status = status;
            this.title = title;
            this.errors = errors;
            this.retryAfter = retryAfter;
        }
    }

    @ExceptionHandler(Refusal.class)
    void refused(Refusal refusal, HttpServletResponse response) throws IOException {
        if (refusal.retryAfter != null) {
            response.setHeader("Retry-After", refusal.retryAfter);
        }
        if (refusal.status == 401) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"consultation-tracker\"");
        }
        ProblemJson.write(response, refusal.status, refusal.title, refusal.getMessage(), refusal.errors);
    }

    /**
     * A sign-in body that is not one JSON object of two strings (not JSON, a repeated or unknown property, a number
     * for a name, nothing at all): 400 naming the field, answered here so that sign-in says so in every service,
     * whatever its own controller advice does.
     */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    void unreadable(HttpMessageNotReadableException e, HttpServletResponse response) throws IOException {
        BodyTooLarge tooLarge = RequestBodyLimit.tooLargeIn(e);
        if (tooLarge != null) {
            ProblemJson.write(response, 413, "Content too large", "The sign-in is larger than this service accepts.",
                    List.of(new FieldProblem(JsonProblems.BODY, BodyTooLarge.rule(tooLarge.limit()))));
            return;
        }
        ProblemJson.write(response, 400, "Invalid sign-in",
                "The sign-in is one JSON object naming a user and a password.", List.of(JsonProblems.of(e)));
    }

    private SessionAnswer answer(SessionStore.Session session, String signedInWith) {
        Account account = session.account();
        return new SessionAnswer(account.username(), account.roles().stream().sorted().toList(),
                account.participantId(), signedInWith, session.expiresAt(), properties.idleTimeout().toSeconds(),
                session.kind() == SessionStore.Kind.BROWSER ? session.csrfToken() : null);
    }
}
