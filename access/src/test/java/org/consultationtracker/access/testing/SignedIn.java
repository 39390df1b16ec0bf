package org.consultationtracker.access.testing;

import org.consultationtracker.access.Account;
import org.consultationtracker.access.AccountAuthentication;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.util.Map;
import java.util.Set;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

/**
 * A request from one of the development accounts, as the access module authenticates it after sign-in (the sign-in
 * itself, sessions, tokens and throttling are tested in the access module and the system tests).
 */
public final class SignedIn {

    private static final Map<String, Account> ACCOUNTS = Map.of(
            "admin", account("admin", "ADMIN", null),
            "facilitator", account("facilitator", "FACILITATOR", null),
            "notetaker", account("notetaker", "NOTE_TAKER", null),
            "reviewer", account("reviewer", "REVIEWER", null),
            "participant", account("participant", "PARTICIPANT", "p-001"));

    private SignedIn() {
    }

    public static RequestPostProcessor as(String username) {
        Account account = ACCOUNTS.get(username);
        if (account == null) {
            throw new IllegalArgumentException("no development account " + username);
        }
        return authentication(new AccountAuthentication(account));
    }

    /** A participant account speaking for {@code participantId}. */
    public static RequestPostProcessor participant(String participantId) {
        return authentication(new AccountAuthentication(account("participant-" + participantId, "PARTICIPANT",
                participantId)));
    }

    private static Account account(String username, String role, String participantId) {
        return new Account(username, Set.of(role), participantId, Account.LOCAL);
    }
}
