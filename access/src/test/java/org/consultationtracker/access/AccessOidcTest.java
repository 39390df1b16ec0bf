package org.consultationtracker.access;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.consultationtracker.access.Instance.bearer;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tokens of an external OpenID Connect provider, configured only with Spring Boot's
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}, against a {@link StandInIssuer} (discovery document
 * and JWKS over HTTP, tokens signed with nimbus): the claims become an {@link Account} as
 * {@code consultation.access.oidc.*} says. docs/operations.md's Keycloak example uses the same settings.
 */
class AccessOidcTest {

    private static StandInIssuer issuer;
    private static Instance app;      // the default claims: consultation_roles, participant_id
    private static Instance keycloak; // realm_access.roles with role-names, as a Keycloak realm sends them
    private static Instance providerOnly; // an audience required, and no password accounts at all

    @BeforeAll
    static void start() {
        issuer = new StandInIssuer();
        String database = TestMongo.freshDatabase();
        app = Instance.start(database, new TestClock(),
                "spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer.issuer);
        keycloak = Instance.start(database, new TestClock(),
                "spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer.issuer,
                "consultation.access.oidc.roles-claim=realm_access.roles",
                "consultation.access.oidc.role-names.consultation-facilitator=FACILITATOR",
                "consultation.access.oidc.role-names.consultation-reviewer=REVIEWER",
                "consultation.access.oidc.role-names[Consultation.Admin]=ADMIN");
        providerOnly = Instance.start(database, new TestClock(),
                "spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer.issuer,
                "spring.security.oauth2.resourceserver.jwt.audiences=consultation-tracker",
                "consultation.security.users=");
    }

    @AfterAll
    static void stop() {
        app.close();
        keycloak.close();
        providerOnly.close();
        issuer.close();
    }

    @Test
    void aReviewersTokenReadsButCannotWrite() throws Exception {
        String token = issuer.token("rhea", Map.of("consultation_roles", List.of("reviewer")));
        int before = app.writes();

        app.mvc.perform(get("/api/things").header("Authorization", bearer(token))).andExpect(status().isOk());
        app.mvc.perform(post("/api/things").header("Authorization", bearer(token)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        app.mvc.perform(get("/api/whoami").header("Authorization", bearer(token)))
                .andExpect(jsonPath("$.username").value("rhea"))
                .andExpect(jsonPath("$.roles", contains("REVIEWER")))
                .andExpect(jsonPath("$.issuer").value(issuer.issuer));
        assertThat(app.writes()).isEqualTo(before);
    }

    @Test
    void aFacilitatorsTokenWritesWithoutCsrf() throws Exception {
        String token = issuer.token("fred", Map.of("consultation_roles", List.of("facilitator", "unknown-role")));
        app.mvc.perform(post("/api/things").header("Authorization", bearer(token))).andExpect(status().isCreated());
    }

    @Test
    void theParticipantIdClaimLinksTheAccount() throws Exception {
        String token = issuer.token("petra", Map.of("consultation_roles", List.of("participant"),
                "participant_id", "participant-42"));

        app.mvc.perform(get("/api/whoami").header("Authorization", bearer(token)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.username").value("petra"))
                .andExpect(jsonPath("$.participantId").value("participant-42"))
                .andExpect(jsonPath("$.roles", contains("PARTICIPANT")));
        app.mvc.perform(get("/api/session").header("Authorization", bearer(token)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.username").value("petra"))
                .andExpect(jsonPath("$.participantId").value("participant-42"))
                .andExpect(jsonPath("$.signedInWith").value(issuer.issuer))
                .andExpect(jsonPath("$.csrfToken").doesNotExist());
        app.mvc.perform(get("/api/things").header("Authorization", bearer(token))).andExpect(status().isForbidden());
        // Signing out an external token ends nothing here (the provider owns it) and is no error.
        app.mvc.perform(delete("/api/session").header("Authorization", bearer(token)))
                .andExpect(status().isNoContent());
    }

    @Test
    void theSubjectNamesTheAccountWhenThereIsNoUserNameClaim() throws Exception {
        String token = issuer.token("ignored", Map.of("consultation_roles", List.of("reviewer")),
                claims -> claims.claim("preferred_username", null));
        app.mvc.perform(get("/api/whoami").header("Authorization", bearer(token)))
                .andExpect(jsonPath("$.username").value("sub-ignored"));
    }

    @Test
    void aTokenWithoutAnyOfOurRolesMayDoNothing() throws Exception {
        String token = issuer.token("nora", Map.of("consultation_roles", List.of("offline_access")));
        app.mvc.perform(get("/api/things").header("Authorization", bearer(token))).andExpect(status().isForbidden());
        app.mvc.perform(get("/api/session").header("Authorization", bearer(token))).andExpect(status().isForbidden());
    }

    @Test
    void expiredForeignAndForgedTokensAre401() throws Exception {
        Map<String, Object> reviewer = Map.of("consultation_roles", List.of("reviewer"));
        Instant past = Instant.now().minus(Duration.ofHours(1));
        List<String> refused = List.of(
                issuer.token("rhea", reviewer, claims -> claims.issueTime(Date.from(past.minusSeconds(300)))
                        .notBeforeTime(Date.from(past.minusSeconds(300))).expirationTime(Date.from(past))),
                issuer.token("rhea", reviewer, claims -> claims.issuer("http://127.0.0.1:1/realms/elsewhere")),
                issuer.forgedToken("rhea", reviewer),
                issuer.token("rhea", reviewer).replaceFirst("\\.[^.]+\\.", ".e30."), // claims swapped for {}
                "eyJhbGciOiJub25lIn0.eyJzdWIiOiJyaGVhIn0.",                           // alg none
                "not.a.jwt",
                "%%%");
        for (String token : refused) {
            app.mvc.perform(get("/api/things").header("Authorization", bearer(token)))
                    .andExpect(status().isUnauthorized())
                    .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        }
    }

    @Test
    void ourOwnTokensStillWorkBesideTheProvidersAndBasicIsStillRefused() throws Exception {
        String ours = app.token("rita", "reviewer-pass");
        app.mvc.perform(get("/api/things").header("Authorization", bearer(ours))).andExpect(status().isOk());
        app.mvc.perform(get("/api/things").header("Authorization", bearer("ct_" + "C".repeat(43))))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.title").value("Token not valid"));
        app.mvc.perform(get("/api/things").header("Authorization", "Basic cml0YTpyZXZpZXdlci1wYXNz"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.title").value("HTTP Basic is not accepted"));
    }

    @Test
    void aDottedRolesClaimAndRoleNamesMapKeycloakRealmRoles() throws Exception {
        String facilitator = issuer.token("fran", Map.of("realm_access",
                Map.of("roles", List.of("offline_access", "uma_authorization", "consultation-facilitator"))));
        keycloak.mvc.perform(get("/api/whoami").header("Authorization", bearer(facilitator)))
                .andExpect(jsonPath("$.roles", contains("FACILITATOR")));
        keycloak.mvc.perform(post("/api/things").header("Authorization", bearer(facilitator)))
                .andExpect(status().isCreated());

        String reviewer = issuer.token("rex", Map.of("realm_access",
                Map.of("roles", List.of("consultation-reviewer"))));
        keycloak.mvc.perform(get("/api/things").header("Authorization", bearer(reviewer)))
                .andExpect(status().isOk());
        keycloak.mvc.perform(post("/api/things").header("Authorization", bearer(reviewer)))
                .andExpect(status().isForbidden());

        String admin = issuer.token("ada", Map.of("realm_access", Map.of("roles", List.of("Consultation.Admin"))));
        keycloak.mvc.perform(get("/api/sign-in-lockouts").header("Authorization", bearer(admin)))
                .andExpect(status().isOk());

        // The top-level claim is not read under this setting.
        String topLevel = issuer.token("tom", Map.of("consultation_roles", List.of("admin")));
        keycloak.mvc.perform(get("/api/things").header("Authorization", bearer(topLevel)))
                .andExpect(status().isForbidden());
    }

    @Test
    void anAudienceSettingRefusesTokensForOtherClientsAndNoUsersMeansNoPasswordSignIn() throws Exception {
        Map<String, Object> reviewer = Map.of("consultation_roles", List.of("reviewer"));
        providerOnly.mvc.perform(get("/api/things").header("Authorization", bearer(issuer.token("rhea", reviewer))))
                .andExpect(status().isOk());
        providerOnly.mvc.perform(get("/api/things").header("Authorization", bearer(issuer.token("rhea", reviewer,
                        claims -> claims.audience("another-client")))))
                .andExpect(status().isUnauthorized());
        // Without the setting, the audience is not checked.
        app.mvc.perform(get("/api/things").header("Authorization", bearer(issuer.token("rhea", reviewer,
                claims -> claims.audience("another-client"))))).andExpect(status().isOk());

        providerOnly.mvc.perform(post("/api/tokens").contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                        .content(Instance.credentials("admin", "admin-pass")))
                .andExpect(status().isUnauthorized());
    }
}
