package org.consultationtracker.access;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The password check on its own: who is accepted, and that an unknown name costs what a known one does. */
class PasswordCheckTest {

    private static final String FIONA_COST_4 = "$2a$04$NfiC1hC1eh05oJp1zFwn.u1y.Nbi0shaWDbe5P38PzjnnhOriomf2";

    private static ConfiguredAccounts.User user(String name, String hash, String... roles) {
        return new ConfiguredAccounts.User(name, hash, List.of(roles), null);
    }

    @Test
    void theDummyHashForUnknownNamesHasTheCostOfTheConfiguredOnes() {
        PasswordCheck cost4 = new PasswordCheck(new ConfiguredAccounts(List.of(user("fiona", FIONA_COST_4,
                "FACILITATOR"))), 1, Duration.ofSeconds(1));
        assertThat(cost4.dummyHash).startsWith("$2a$04$");

        String cost6 = new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(6).encode("x");
        PasswordCheck mixed = new PasswordCheck(new ConfiguredAccounts(List.of(user("fiona", FIONA_COST_4),
                user("other", cost6))), 1, Duration.ofSeconds(1));
        assertThat(mixed.dummyHash).startsWith("$2a$06$");

        PasswordCheck none = new PasswordCheck(new ConfiguredAccounts(List.of()), 1, Duration.ofSeconds(1));
        assertThat(none.dummyHash).startsWith("$2a$10$");
    }

    @Test
    void acceptsTheRightPasswordOnly() {
        PasswordCheck check = new PasswordCheck(new ConfiguredAccounts(List.of(user("fiona", FIONA_COST_4,
                "FACILITATOR"))), 1, Duration.ofSeconds(1));
        assertThat(check.check("Fiona", "facilitator-pass")).isInstanceOfSatisfying(
                PasswordCheck.Outcome.Accepted.class, accepted -> {
                    assertThat(accepted.account().username()).isEqualTo("fiona");
                    assertThat(accepted.account().roles()).containsExactly("FACILITATOR");
                    assertThat(accepted.account().issuer()).isEqualTo(Account.LOCAL);
                });
        assertThat(check.check("fiona", "facilitator-pas")).isInstanceOf(PasswordCheck.Outcome.Refused.class);
        assertThat(check.check("nobody", "facilitator-pass")).isInstanceOf(PasswordCheck.Outcome.Refused.class);
    }

    @Test
    void twoUsersOfOneNameAreAConfigurationError() {
        assertThatThrownBy(() -> new PasswordCheck(new ConfiguredAccounts(List.of(user("fiona", FIONA_COST_4),
                user("FIONA", FIONA_COST_4))), 1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class);
    }
}
