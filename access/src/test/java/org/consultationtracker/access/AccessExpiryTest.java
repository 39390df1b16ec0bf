package org.consultationtracker.access;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consultationtracker.access.Instance.bearer;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Idle and absolute expiry, measured by the {@link AccessClock} (a {@link TestClock} moved by hand): idle 30 minutes,
 * absolute 2 hours here.
 */
class AccessExpiryTest {

    private static Instance app;

    @BeforeAll
    static void start() {
        app = Instance.start(TestMongo.freshDatabase(), new TestClock(),
                "consultation.access.idle-timeout=30m", "consultation.access.absolute-timeout=2h");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @BeforeEach
    void clean() {
        app.clearStore();
    }

    @Test
    void aTokenUnusedForTheIdleTimeoutEnds() throws Exception {
        String token = app.token("rita", "reviewer-pass");
        app.clock.advance(Duration.ofMinutes(29));
        app.mvc.perform(get("/api/things").header("Authorization", bearer(token))).andExpect(status().isOk());

        app.clock.advance(Duration.ofMinutes(30));

        app.mvc.perform(get("/api/things").header("Authorization", bearer(token)))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        assertThat(app.sessionDocuments()).isZero();
    }

    @Test
    void aUseInsideTheIdleTimeoutExtendsIt() throws Exception {
        String token = app.token("rita", "reviewer-pass");
        for (int i = 0; i < 3; i++) {
            app.clock.advance(Duration.ofMinutes(25)); // 75 minutes in all: far past one idle timeout
            app.mvc.perform(get("/api/things").header("Authorization", bearer(token))).andExpect(status().isOk());
        }
        Instant expiresAt = Instant.parse(com.jayway.jsonpath.JsonPath.read(app.mvc.perform(get("/api/session")
                .header("Authorization", bearer(token))).andReturn().getResponse().getContentAsString(),
                "$.expiresAt"));
        assertThat(expiresAt).isEqualTo(app.clock.instant().plus(Duration.ofMinutes(30)));
    }

    @Test
    void aBrowserSessionIdlesOutAndItsCookieIsCleared() throws Exception {
        Instance.BrowserSession session = app.signIn("fiona", "facilitator-pass");
        app.clock.advance(Duration.ofMinutes(30));

        app.mvc.perform(get("/api/things").cookie(session.cookie()))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("Set-Cookie", startsWith("ct_session=;")));
    }

    @Test
    void theAbsoluteTimeoutEndsASessionUsedAllTheTime() throws Exception {
        String token = app.token("rita", "reviewer-pass");
        for (int i = 0; i < 5; i++) {
            app.clock.advance(Duration.ofMinutes(20)); // 100 minutes, never idle for more than 20
            app.mvc.perform(get("/api/things").header("Authorization", bearer(token))).andExpect(status().isOk());
        }
        app.clock.advance(Duration.ofMinutes(19)); // 1 h 59
        app.mvc.perform(get("/api/things").header("Authorization", bearer(token))).andExpect(status().isOk());

        app.clock.advance(Duration.ofMinutes(1)); // 2 h after sign-in, used a minute ago

        app.mvc.perform(get("/api/things").header("Authorization", bearer(token)))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
    }

    @Test
    void aSessionTheInstanceRemembersStillExpires() throws Exception {
        // Within sessionCheck (10 s by default) an instance answers from memory: the expiry holds there too.
        String token = app.token("rita", "reviewer-pass");
        for (int i = 0; i < 4; i++) {
            app.clock.advance(Duration.ofMinutes(29));
            app.mvc.perform(get("/api/things").header("Authorization", bearer(token))).andExpect(status().isOk());
        }
        app.clock.advance(Duration.ofMinutes(3).plusSeconds(55)); // 5 s before the absolute timeout
        app.mvc.perform(get("/api/things").header("Authorization", bearer(token))).andExpect(status().isOk());

        app.clock.advance(Duration.ofSeconds(6)); // read 6 s ago: remembered, but over

        app.mvc.perform(get("/api/things").header("Authorization", bearer(token)))
                .andExpect(status().isUnauthorized());
    }
}
