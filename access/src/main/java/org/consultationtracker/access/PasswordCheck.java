package org.consultationtracker.access;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one place a password is checked: at sign-in, never per request. A BCrypt check costs tens of milliseconds of
 * CPU by design, so at most {@code permits} run at once; a sign-in that cannot get a turn within {@code wait} is
 * told the service is busy rather than queueing without bound. An unknown name is checked against a dummy hash so
 * that it takes as long as a known one (the answer must not tell which accounts exist).
 */
final class PasswordCheck {

    /** What a sign-in attempt found. */
    sealed interface Outcome permits Outcome.Accepted, Outcome.Refused, Outcome.Busy {
        record Accepted(Account account) implements Outcome {
        }

        record Refused() implements Outcome {
        }

        record Busy() implements Outcome {
        }
    }

    private static final Pattern BCRYPT_COST = Pattern.compile("\\$2[abxy]?\\$(\\d{2})\\$");

    private final Map<String, ConfiguredAccounts.User> users;
    private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder();
    final String dummyHash;
    private final Semaphore turns;
    private final Duration wait;

    PasswordCheck(ConfiguredAccounts accounts, int permits, Duration wait) {
        this.users = accounts.users().stream()
                .filter(user -> user.username() != null && user.passwordHash() != null)
                .collect(Collectors.toUnmodifiableMap(user -> key(user.username()), Function.identity(),
                        (first, second) -> {
                            throw new IllegalStateException("two configured users are named " + first.username());
                        }));
        this.dummyHash = new BCryptPasswordEncoder(cost(users.values())).encode("not-a-password-of-anyone");
        this.turns = new Semaphore(Math.max(1, permits), true);
        this.wait = wait;
    }

    /**
     * The highest cost among the configured hashes (10, BCrypt's default, when none says): an unknown name's dummy
     * check must cost what a known name's does, or the time of the answer tells which names exist.
     */
    static int cost(Collection<ConfiguredAccounts.User> users) {
        int cost = 0;
        for (ConfiguredAccounts.User user : users) {
            Matcher matcher = BCRYPT_COST.matcher(user.passwordHash());
            if (matcher.lookingAt()) {
                cost = Math.max(cost, Integer.parseInt(matcher.group(1)));
            }
        }
        return cost >= 4 && cost <= 31 ? cost : 10;
    }

    /** Account names compare without case, so "Admin" and "admin" share one throttle and one account. */
    static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    Outcome check(String username, String password) {
        ConfiguredAccounts.User user = users.get(key(username));
        boolean acquired;
        try {
            acquired = turns.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.Busy();
        }
        if (!acquired) {
            return new Outcome.Busy();
        }
        try {
            boolean matches = encoder.matches(password, user == null ? dummyHash : user.passwordHash());
            if (!matches || user == null) {
                return new Outcome.Refused();
            }
            return new Outcome.Accepted(account(user));
        } finally {
            turns.release();
        }
    }

    /**
     * A stored session's account as the configuration has it now: a configured (local) account with its current
     * roles and participant id, or none when it is no longer configured; any other account as it is.
     */
    Optional<Account> current(Account account) {
        if (!Account.LOCAL.equals(account.issuer())) {
            return Optional.of(account);
        }
        return Optional.ofNullable(users.get(key(account.username()))).map(PasswordCheck::account);
    }

    private static Account account(ConfiguredAccounts.User user) {
        return new Account(user.username(), Set.copyOf(user.roles()), user.participantId(), Account.LOCAL);
    }
}
