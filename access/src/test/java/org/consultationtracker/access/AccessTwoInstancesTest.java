package org.consultationtracker.access;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.consultationtracker.access.Instance.bearer;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Two instances of a service over one database (two application contexts, one {@link TestMongo} database, one
 * clock). A session opened on one is valid on the other and survives a restart. A sign-out on one instance ends the
 * session there at once and on the other within {@code consultation.access.session-check}: that is the documented
 * bound, shown here by moving the clock, not by sleeping.
 */
class AccessTwoInstancesTest {

    private static final TestClock clock = new TestClock();
    private static final String database = TestMongo.freshDatabase();
    private static Instance a;
    private static Instance b;

    @BeforeAll
    static void start() {
        a = Instance.start(database, clock, "consultation.access.session-check=10s");
        b = Instance.start(database, clock, "consultation.access.session-check=10s");
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    @Test
    void aTokenAndABrowserSessionFromOneInstanceWorkOnTheOther() throws Exception {
        String token = a.token("fiona", "facilitator-pass");
        b.mvc.perform(get("/api/things").header("Authorization", bearer(token))).andExpect(status().isOk());
        b.mvc.perform(post("/api/things").header("Authorization", bearer(token))).andExpect(status().isCreated());

        Instance.BrowserSession session = b.signIn("fiona", "facilitator-pass");
        a.mvc.perform(post("/api/things").cookie(session.cookie()).header("X-CSRF-Token", session.csrfToken()))
                .andExpect(status().isCreated());
        a.mvc.perform(post("/api/things").cookie(session.cookie())).andExpect(status().isForbidden());
    }

    @Test
    void sessionsSurviveARestart() throws Exception {
        Instance first = Instance.start(database, clock);
        String token = first.token("rita", "reviewer-pass");
        first.close();

        b.mvc.perform(get("/api/things").header("Authorization", bearer(token))).andExpect(status().isOk());
        try (Instance restarted = Instance.start(database, clock)) {
            restarted.mvc.perform(get("/api/things").header("Authorization", bearer(token)))
                    .andExpect(status().isOk());
        }
    }

    @Test
    void aSignOutReachesTheOtherInstanceWithinSessionCheck() throws Exception {
        String token = a.token("rita", "reviewer-pass");
        b.mvc.perform(get("/api/things").header("Authorization", bearer(token))).andExpect(status().isOk());

        a.mvc.perform(delete("/api/session").header("Authorization", bearer(token)))
                .andExpect(status().isNoContent());

        // The instance that signed out forgets at once.
        a.mvc.perform(get("/api/things").header("Authorization", bearer(token))).andExpect(status().isUnauthorized());
        // B read the session just now and trusts it for up to session-check (10 s): still accepted inside it...
        clock.advance(Duration.ofSeconds(9));
        b.mvc.perform(get("/api/things").header("Authorization", bearer(token))).andExpect(status().isOk());
        // ...and refused once it has passed.
        clock.advance(Duration.ofSeconds(1));
        b.mvc.perform(get("/api/things").header("Authorization", bearer(token))).andExpect(status().isUnauthorized());
    }

    @Test
    void withSessionCheckZeroASignOutReachesTheOtherInstanceAtOnce() throws Exception {
        String zeroDatabase = TestMongo.freshDatabase();
        try (Instance c = Instance.start(zeroDatabase, clock, "consultation.access.session-check=0s");
             Instance d = Instance.start(zeroDatabase, clock, "consultation.access.session-check=0s")) {
            Instance.BrowserSession session = c.signIn("fiona", "facilitator-pass");
            d.mvc.perform(get("/api/things").cookie(session.cookie())).andExpect(status().isOk());

            c.mvc.perform(delete("/api/session").cookie(session.cookie())
                    .header("X-CSRF-Token", session.csrfToken())).andExpect(status().isNoContent());

            d.mvc.perform(get("/api/things").cookie(session.cookie())).andExpect(status().isUnauthorized());
        }
    }
}
