package org.consultationtracker.access;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consultationtracker.access.Instance.bearer;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Failed sign-ins, with the default limits: 5 per account and 20 per client address within 15 minutes lock that
 * account or address out for 15 minutes.
 */
class AccessThrottleTest {

    private static Instance app;

    @BeforeAll
    static void start() {
        app = Instance.start(TestMongo.freshDatabase(), new TestClock());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @BeforeEach
    void clean() {
        app.clearStore();
    }

    private static MockHttpServletRequestBuilder signIn(String path, String username, String password,
                                                        String address) {
        return post(path).contentType(MediaType.APPLICATION_JSON).content(Instance.credentials(username, password))
                .with(request -> {
                    request.setRemoteAddr(address);
                    return request;
                });
    }

    private static int attempt(String username, String password, String address) throws Exception {
        return app.mvc.perform(signIn("/api/tokens", username, password, address)).andReturn().getResponse()
                .getStatus();
    }

    private static void lockOut(String username) throws Exception {
        for (int i = 1; i <= 4; i++) {
            assertThat(attempt(username, "wrong-" + i, "127.0.0.1")).as("attempt " + i).isEqualTo(401);
        }
        assertThat(attempt(username, "wrong-5", "127.0.0.1")).as("attempt 5").isEqualTo(429);
    }

    @Test
    void theFifthWrongPasswordLocksTheAccount() throws Exception {
        for (int i = 1; i <= 4; i++) {
            app.mvc.perform(signIn("/api/session", "rita", "wrong", "127.0.0.1"))
                    .andExpect(status().isUnauthorized());
        }
        MockHttpServletResponse fifth = app.mvc.perform(signIn("/api/session", "rita", "wrong", "127.0.0.1"))
                .andExpect(status().isTooManyRequests())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.title").value("Too many failed sign-ins"))
                .andExpect(jsonPath("$.status").value(429))
                .andReturn().getResponse();
        assertThat(Long.parseLong(fifth.getHeader("Retry-After"))).isEqualTo(Duration.ofMinutes(15).toSeconds());

        // Now even the right password is refused, on both sign-in endpoints, and however the name is written.
        app.mvc.perform(signIn("/api/session", "rita", "reviewer-pass", "127.0.0.1"))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"))
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        assertThat(attempt("RITA", "reviewer-pass", "10.1.1.1")).isEqualTo(429);
        assertThat(app.sessionDocuments()).isZero();
        // Other accounts are not affected.
        assertThat(attempt("fiona", "facilitator-pass", "127.0.0.1")).isEqualTo(201);
    }

    @Test
    void theLockoutEndsByItself() throws Exception {
        lockOut("rita");
        app.clock.advance(Duration.ofMinutes(14));
        MockHttpServletResponse stillLocked = app.mvc.perform(signIn("/api/tokens", "rita", "reviewer-pass",
                "127.0.0.1")).andReturn().getResponse();
        assertThat(stillLocked.getStatus()).isEqualTo(429);
        assertThat(Long.parseLong(stillLocked.getHeader("Retry-After"))).isEqualTo(60);

        app.clock.advance(Duration.ofMinutes(1));

        assertThat(attempt("rita", "reviewer-pass", "127.0.0.1")).isEqualTo(201);
    }

    @Test
    void anAdminListsAndReleasesALockout() throws Exception {
        lockOut("rita");
        String admin = app.token("admin", "admin-pass");

        app.mvc.perform(get("/api/sign-in-lockouts").header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].key").value("account:rita"))
                .andExpect(jsonPath("$[0].kind").value("account"))
                .andExpect(jsonPath("$[0].subject").value("rita"))
                .andExpect(jsonPath("$[0].lockedUntil").value(
                        app.clock.instant().plus(Duration.ofMinutes(15)).toString()));

        app.mvc.perform(delete("/api/sign-in-lockouts/account:rita").header("Authorization", bearer(admin)))
                .andExpect(status().isNoContent());

        assertThat(attempt("rita", "reviewer-pass", "127.0.0.1")).isEqualTo(201);
        app.mvc.perform(get("/api/sign-in-lockouts").header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$.length()").value(0));
        app.mvc.perform(delete("/api/sign-in-lockouts/account:rita").header("Authorization", bearer(admin)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
    }

    @Test
    void onlyAnAdminSeesOrReleasesLockouts() throws Exception {
        lockOut("rita");
        String facilitator = app.token("fiona", "facilitator-pass");
        Instance.BrowserSession facilitatorSession = app.signIn("fiona", "facilitator-pass");

        app.mvc.perform(get("/api/sign-in-lockouts").header("Authorization", bearer(facilitator)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        app.mvc.perform(delete("/api/sign-in-lockouts/account:rita").header("Authorization", bearer(facilitator)))
                .andExpect(status().isForbidden());
        app.mvc.perform(delete("/api/sign-in-lockouts/account:rita").cookie(facilitatorSession.cookie())
                        .header("X-CSRF-Token", facilitatorSession.csrfToken()))
                .andExpect(status().isForbidden());
        app.mvc.perform(get("/api/sign-in-lockouts")).andExpect(status().isUnauthorized());

        assertThat(attempt("rita", "reviewer-pass", "127.0.0.1")).isEqualTo(429);
    }

    @Test
    void anAdminReleasesByCookieOnlyWithTheCsrfToken() throws Exception {
        lockOut("rita");
        Instance.BrowserSession admin = app.signIn("admin", "admin-pass");

        app.mvc.perform(delete("/api/sign-in-lockouts/account:rita").cookie(admin.cookie()))
                .andExpect(status().isForbidden());
        assertThat(attempt("rita", "reviewer-pass", "127.0.0.1")).isEqualTo(429);

        app.mvc.perform(delete("/api/sign-in-lockouts/account:rita").cookie(admin.cookie())
                .header("X-CSRF-Token", admin.csrfToken())).andExpect(status().isNoContent());
        assertThat(attempt("rita", "reviewer-pass", "127.0.0.1")).isEqualTo(201);
    }

    @Test
    void aSuccessClearsTheAccountsCount() throws Exception {
        for (int i = 1; i <= 4; i++) {
            assertThat(attempt("rita", "wrong", "127.0.0.1")).isEqualTo(401);
        }
        assertThat(attempt("rita", "reviewer-pass", "127.0.0.1")).isEqualTo(201);
        for (int i = 1; i <= 4; i++) {
            assertThat(attempt("rita", "wrong", "127.0.0.1")).as("after the success, attempt " + i)
                    .isEqualTo(401);
        }
    }

    @Test
    void failuresFurtherApartThanTheWindowDoNotAddUp() throws Exception {
        for (int i = 1; i <= 4; i++) {
            assertThat(attempt("rita", "wrong", "127.0.0.1")).isEqualTo(401);
        }
        app.clock.advance(Duration.ofMinutes(16));
        for (int i = 1; i <= 4; i++) {
            assertThat(attempt("rita", "wrong", "127.0.0.1")).as("new window, attempt " + i).isEqualTo(401);
        }
        assertThat(attempt("rita", "reviewer-pass", "127.0.0.1")).isEqualTo(201);
    }

    @Test
    void twentyFailuresFromOneAddressLockThatAddressForEveryName() throws Exception {
        for (int i = 1; i <= 19; i++) {
            assertThat(attempt("guess" + i, "wrong", "10.0.0.9")).as("attempt " + i).isEqualTo(401);
        }
        app.mvc.perform(signIn("/api/tokens", "guess20", "wrong", "10.0.0.9"))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"))
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));

        assertThat(attempt("admin", "admin-pass", "10.0.0.9")).isEqualTo(429);
        assertThat(attempt("someone-new", "whatever", "10.0.0.9")).isEqualTo(429);
        // Another address, and the same accounts, are not affected.
        String admin = app.token("admin", "admin-pass");
        app.mvc.perform(get("/api/sign-in-lockouts").header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].key").value("address:10.0.0.9"))
                .andExpect(jsonPath("$[0].kind").value("address"));

        app.mvc.perform(delete("/api/sign-in-lockouts/address:10.0.0.9").header("Authorization", bearer(admin)))
                .andExpect(status().isNoContent());
        assertThat(attempt("admin", "admin-pass", "10.0.0.9")).isEqualTo(201);
    }

    @Test
    void aSuccessDoesNotResetTheAddressCount() throws Exception {
        for (int i = 1; i <= 19; i++) {
            assertThat(attempt("guess" + i, "wrong", "10.0.0.11")).isEqualTo(401);
        }
        assertThat(attempt("fiona", "facilitator-pass", "10.0.0.11")).isEqualTo(201);

        assertThat(attempt("guess20", "wrong", "10.0.0.11")).isEqualTo(429);
        assertThat(attempt("fiona", "facilitator-pass", "10.0.0.11")).isEqualTo(429);
    }

    @Test
    void anIpv6AddressLockoutCanBeReleased() throws Exception {
        for (int i = 1; i <= 20; i++) {
            attempt("guess" + i, "wrong", "2001:db8:0:0:0:0:0:9");
        }
        assertThat(attempt("admin", "admin-pass", "2001:db8:0:0:0:0:0:9")).isEqualTo(429);
        String admin = app.token("admin", "admin-pass");
        app.mvc.perform(delete("/api/sign-in-lockouts/address:2001:db8:0:0:0:0:0:9")
                .header("Authorization", bearer(admin))).andExpect(status().isNoContent());
        assertThat(attempt("admin", "admin-pass", "2001:db8:0:0:0:0:0:9")).isEqualTo(201);
    }
}
