package org.consultationtracker.access;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consultationtracker.access.Instance.bearer;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Sign-in with a session (cookie + CSRF token) or for a bearer token; sign-out; HTTP Basic refused. */
class AccessSignInTest {

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

    @Test
    void aSessionSignInSetsAStrictHttpOnlyCookieAndEchoesNoPassword() throws Exception {
        MockHttpServletResponse response = app.mvc.perform(post("/api/session")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(Instance.credentials("fiona", "facilitator-pass")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.username").value("fiona"))
                .andExpect(jsonPath("$.roles[0]").value("FACILITATOR"))
                .andExpect(jsonPath("$.signedInWith").value("password"))
                .andExpect(jsonPath("$.csrfToken").isNotEmpty())
                .andReturn().getResponse();

        List<String> setCookies = response.getHeaders("Set-Cookie");
        assertThat(setCookies).hasSize(1);
        String setCookie = setCookies.get(0);
        assertThat(setCookie).startsWith("ct_session=ct_").contains("; HttpOnly").contains("; SameSite=Strict")
                .contains("; Path=/").doesNotContain("Secure"); // plain HTTP in the test: "auto" leaves Secure off
        String body = response.getContentAsString();
        assertThat(body + setCookie).doesNotContain("facilitator-pass");
        assertThat(body).doesNotContain("\"password\":").doesNotContain("ct_"); // the token is only in the cookie
        assertThat(app.sessionDocuments()).isEqualTo(1);
    }

    @Test
    void theStoreKeepsOnlyTheTokensHash() throws Exception {
        Instance.BrowserSession session = app.signIn("fiona", "facilitator-pass");
        org.bson.Document stored = app.database.getCollection(SessionStore.COLLECTION).find().first();
        assertThat(stored.getString("_id")).isEqualTo(SessionStore.hash(session.cookie().getValue()));
        assertThat(stored.toJson()).doesNotContain(session.cookie().getValue());
    }

    @Test
    void theCookieReadsAndGetSessionGivesTheCsrfToken() throws Exception {
        Instance.BrowserSession session = app.signIn("fiona", "facilitator-pass");

        app.mvc.perform(get("/api/things").cookie(session.cookie())).andExpect(status().isOk())
                .andExpect(jsonPath("$[0]").value("first thing"));
        app.mvc.perform(get("/api/session").cookie(session.cookie())).andExpect(status().isOk())
                .andExpect(jsonPath("$.username").value("fiona"))
                .andExpect(jsonPath("$.csrfToken").value(session.csrfToken()));
    }

    @Test
    void aCookieWriteWithoutTheCsrfTokenIsRefusedBeforeTheController() throws Exception {
        Instance.BrowserSession session = app.signIn("fiona", "facilitator-pass");
        int before = app.writes();

        app.mvc.perform(post("/api/things").cookie(session.cookie()))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.title").value("CSRF token missing or wrong"));
        app.mvc.perform(post("/api/things").cookie(session.cookie()).header("X-CSRF-Token", "not-the-token"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        app.mvc.perform(post("/api/things").cookie(session.cookie()).header("X-CSRF-Token", ""))
                .andExpect(status().isForbidden());
        // another session's CSRF token is no better
        Instance.BrowserSession other = app.signIn("admin", "admin-pass");
        app.mvc.perform(post("/api/things").cookie(session.cookie()).header("X-CSRF-Token", other.csrfToken()))
                .andExpect(status().isForbidden());
        // nor is sign-out by cookie without it
        app.mvc.perform(delete("/api/session").cookie(session.cookie())).andExpect(status().isForbidden());

        assertThat(app.writes()).isEqualTo(before);
    }

    @Test
    void aCookieWriteWithTheRightCsrfTokenRuns() throws Exception {
        Instance.BrowserSession session = app.signIn("fiona", "facilitator-pass");
        int before = app.writes();

        app.mvc.perform(post("/api/things").cookie(session.cookie()).header("X-CSRF-Token", session.csrfToken()))
                .andExpect(status().isCreated());

        assertThat(app.writes()).isEqualTo(before + 1);
    }

    @Test
    void aBearerTokenWritesWithoutACsrfToken() throws Exception {
        String token = app.token("fiona", "facilitator-pass");
        int before = app.writes();

        app.mvc.perform(post("/api/things").header("Authorization", bearer(token))).andExpect(status().isCreated());

        assertThat(app.writes()).isEqualTo(before + 1);
    }

    @Test
    void rolesStillDecide() throws Exception {
        String reviewer = app.token("rita", "reviewer-pass");
        app.mvc.perform(get("/api/things").header("Authorization", bearer(reviewer))).andExpect(status().isOk());
        app.mvc.perform(post("/api/things").header("Authorization", bearer(reviewer)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        String participant = app.token("pat", "participant-pass");
        app.mvc.perform(get("/api/things").header("Authorization", bearer(participant)))
                .andExpect(status().isForbidden());
        app.mvc.perform(get("/api/whoami").header("Authorization", bearer(participant)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.participantId").value("participant-7"))
                .andExpect(jsonPath("$.issuer").value(Account.LOCAL));
    }

    @Test
    void aTokenIsIssuedUsedAndEndedBySignOut() throws Exception {
        app.mvc.perform(post("/api/tokens").contentType(MediaType.APPLICATION_JSON)
                        .content(Instance.credentials("rita", "reviewer-pass")))
                .andExpect(status().isCreated())
                .andExpect(header().doesNotExist("Set-Cookie"))
                .andExpect(jsonPath("$.accessToken").value(startsWith("ct_")))
                .andExpect(jsonPath("$.tokenType").value("Bearer"))
                .andExpect(jsonPath("$.username").value("rita"));
        String token = app.token("rita", "reviewer-pass");

        app.mvc.perform(get("/api/things").header("Authorization", bearer(token))).andExpect(status().isOk());
        app.mvc.perform(get("/api/session").header("Authorization", bearer(token))).andExpect(status().isOk())
                .andExpect(jsonPath("$.signedInWith").value("token"))
                .andExpect(jsonPath("$.csrfToken").doesNotExist());

        app.mvc.perform(delete("/api/session").header("Authorization", bearer(token)))
                .andExpect(status().isNoContent());

        app.mvc.perform(get("/api/things").header("Authorization", bearer(token)))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.title").value("Token not valid"));
    }

    @Test
    void signOutByCookieEndsTheSessionAndClearsTheCookie() throws Exception {
        Instance.BrowserSession session = app.signIn("fiona", "facilitator-pass");

        MockHttpServletResponse out = app.mvc.perform(delete("/api/session").cookie(session.cookie())
                        .header("X-CSRF-Token", session.csrfToken()))
                .andExpect(status().isNoContent()).andReturn().getResponse();
        assertThat(out.getHeader("Set-Cookie")).startsWith("ct_session=;").contains("Max-Age=0");
        assertThat(app.sessionDocuments()).isZero();

        // The old cookie now makes a visitor: data calls are 401, and the cookie is cleared again.
        app.mvc.perform(get("/api/things").cookie(session.cookie()))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(header().string("Set-Cookie", startsWith("ct_session=;")));
    }

    @Test
    void unknownMalformedAndOverlongTokensAre401NeverAServerError() throws Exception {
        String real = app.token("rita", "reviewer-pass");
        List<String> refused = List.of(
                "Bearer ct_" + "A".repeat(43),                          // well-formed, never issued
                "Bearer " + real.substring(0, real.length() - 1),      // one character short
                "Bearer " + real + "x",                                // one too many
                "Bearer ct_",                                          // the prefix only
                "Bearer ct_" + "x".repeat(5000),                       // overlong
                "Bearer ct_ab cd",                                     // a space inside
                "Bearer ct_\u00e9\u00e8",                              // not ASCII
                "Bearer not-ours",                                     // no external provider here
                "Bearer",                                              // nothing after the scheme
                "Bearer    ",
                "Digest username=\"rita\"",                            // another scheme
                "garbage");
        for (String authorization : refused) {
            MockHttpServletResponse response = app.mvc.perform(get("/api/things").header("Authorization",
                    authorization)).andReturn().getResponse();
            assertThat(response.getStatus()).as(authorization).isEqualTo(401);
            assertThat(response.getContentType()).as(authorization).startsWith("application/problem+json");
            assertThat(response.getHeader("WWW-Authenticate")).as(authorization).startsWith("Bearer");
        }
        app.mvc.perform(get("/api/things").header("Authorization", bearer(real))).andExpect(status().isOk());
    }

    @Test
    void anUnknownCookieIsAVisitorNotAnError() throws Exception {
        for (String value : List.of("ct_" + "B".repeat(43), "nonsense", "ct_" + "x".repeat(3000))) {
            app.mvc.perform(get("/api/things").cookie(new jakarta.servlet.http.Cookie("ct_session", value)))
                    .andExpect(status().isUnauthorized())
                    .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
            app.mvc.perform(get("/").cookie(new jakarta.servlet.http.Cookie("ct_session", value)))
                    .andExpect(status().isOk());
        }
    }

    @Test
    void noCredentialsIs401ProblemJson() throws Exception {
        app.mvc.perform(get("/api/things"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.title").value("Authentication required"))
                .andExpect(jsonPath("$.detail").value(startsWith("Sign in first")));
        app.mvc.perform(get("/api/session")).andExpect(status().isUnauthorized());
    }

    @Test
    void httpBasicIsRefusedEvenWithTheRightPassword() throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString("admin:admin-pass"
                .getBytes(StandardCharsets.UTF_8));
        int before = app.writes();
        for (var request : List.of(get("/api/things"), post("/api/things"), get("/api/session"),
                get("/api/sign-in-lockouts"))) {
            app.mvc.perform(request.header("Authorization", basic))
                    .andExpect(status().isUnauthorized())
                    .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                    .andExpect(jsonPath("$.title").value("HTTP Basic is not accepted"));
        }
        app.mvc.perform(get("/api/things").header("Authorization", "basic " + Base64.getEncoder()
                        .encodeToString("admin:admin-pass".getBytes(StandardCharsets.UTF_8))))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.title").value("HTTP Basic is not accepted"));
        assertThat(app.writes()).isEqualTo(before);
    }

    @Test
    void aWrongPasswordIs401AndOpensNothing() throws Exception {
        app.mvc.perform(post("/api/session").contentType(MediaType.APPLICATION_JSON)
                        .content(Instance.credentials("fiona", "wrong")))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.title").value("Sign-in failed"))
                .andExpect(header().doesNotExist("Set-Cookie"));
        app.mvc.perform(post("/api/tokens").contentType(MediaType.APPLICATION_JSON)
                        .content(Instance.credentials("nobody", "wrong")))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.title").value("Sign-in failed"));
        assertThat(app.sessionDocuments()).isZero();
    }

    @Test
    void userNamesCompareWithoutCase() throws Exception {
        app.mvc.perform(post("/api/tokens").contentType(MediaType.APPLICATION_JSON)
                        .content(Instance.credentials("FIONA", "facilitator-pass")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.username").value("fiona"));
    }

    @Test
    void signingInAgainWhileHoldingALiveCookieWorks() throws Exception {
        Instance.BrowserSession first = app.signIn("fiona", "facilitator-pass");

        // A second tab, or the sign-in page after the UI lost track: the browser sends the old cookie along.
        app.mvc.perform(post("/api/session").cookie(first.cookie()).contentType(MediaType.APPLICATION_JSON)
                        .content(Instance.credentials("admin", "admin-pass")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.username").value("admin"));
    }
}
