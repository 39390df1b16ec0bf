package org.consultationtracker.access;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.consultationtracker.access.Instance.bearer;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The metrics scrape credential: a random secret whose SHA-256 is in
 * {@code consultation.access.scrape-token-sha256}; sent as a bearer token it reads {@code /actuator/prometheus} and
 * nothing else.
 */
class AccessScrapeTest {

    private static final String SCRAPE_TOKEN = "q8Xk1v0mJ2yH9bW4sT7cR3nL6pF5dA0eZ1uG8iO2kM4=";
    private static Instance app;

    @BeforeAll
    static void start() {
        app = Instance.start(TestMongo.freshDatabase(), new TestClock(),
                // upper case on purpose: the setting is compared without case
                "consultation.access.scrape-token-sha256=" + SessionStore.hash(SCRAPE_TOKEN).toUpperCase());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void theScrapeCredentialReadsPrometheus() throws Exception {
        app.mvc.perform(get("/actuator/prometheus").header("Authorization", bearer(SCRAPE_TOKEN)))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("jvm_")));
    }

    @Test
    void theScrapeCredentialIsNoAccount() throws Exception {
        for (String path : new String[]{"/api/things", "/api/session", "/api/whoami", "/api/sign-in-lockouts",
                "/actuator/health/liveness", "/actuator/env"}) {
            app.mvc.perform(get(path).header("Authorization", bearer(SCRAPE_TOKEN)))
                    .andExpect(result -> {
                        int status = result.getResponse().getStatus();
                        if (path.startsWith("/actuator/health") ? status >= 500 : status != 403) {
                            throw new AssertionError(path + " answered " + status);
                        }
                    });
        }
        app.mvc.perform(post("/api/things").header("Authorization", bearer(SCRAPE_TOKEN)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
    }

    @Test
    void anythingElseIsNoScrapeCredential() throws Exception {
        app.mvc.perform(get("/actuator/prometheus")).andExpect(status().isUnauthorized());
        app.mvc.perform(get("/actuator/prometheus").header("Authorization", bearer(SCRAPE_TOKEN + "x")))
                .andExpect(status().isUnauthorized());
        app.mvc.perform(get("/actuator/prometheus").header("Authorization",
                        bearer(SessionStore.hash(SCRAPE_TOKEN)))) // the setting itself is not the secret
                .andExpect(status().isUnauthorized());
        app.mvc.perform(get("/actuator/prometheus").header("Authorization", bearer(app.token("rita",
                "reviewer-pass")))).andExpect(status().isForbidden());
        app.mvc.perform(get("/actuator/prometheus").header("Authorization", bearer(app.token("admin",
                "admin-pass")))).andExpect(status().isOk());
    }
}
