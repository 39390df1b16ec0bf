package org.consultationtracker.query.api;

import org.consultationtracker.access.testing.SignedIn;
import org.consultationtracker.query.support.QuerySideTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The HTTP contract: who may read, what an unknown id and a bad filter give. */
@QuerySideTest
@AutoConfigureMockMvc
class QueryApiWebTest {

    @Autowired
    MockMvc mvc;

    @Test
    void readingWithoutCredentialsIsUnauthorised() throws Exception {
        mvc.perform(get("/api/coverage"))
           .andExpect(status().isUnauthorized())
           .andExpect(header().string("WWW-Authenticate", containsString("Bearer")))
           .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void aParticipantMayNotReadOthersData() throws Exception {
        mvc.perform(get("/api/coverage").with(SignedIn.as("participant")))
           .andExpect(status().isForbidden())
           .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void reviewersFacilitatorsNoteTakersAndAdminsRead() throws Exception {
        for (String user : new String[]{"reviewer", "facilitator", "notetaker", "admin"}) {
            mvc.perform(get("/api/coverage").with(SignedIn.as(user)))
               .andExpect(status().isOk())
               .andExpect(jsonPath("$.keyPointCount").isNumber())
               .andExpect(jsonPath("$.totals").value(org.hamcrest.Matchers.nullValue()));
        }
    }

    @Test
    void theConversationEndpointIsForReviewersAndAbove() throws Exception {
        mvc.perform(get("/api/conversations/nope"))
           .andExpect(status().isUnauthorized())
           .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/conversations/nope").with(SignedIn.as("participant")))
           .andExpect(status().isForbidden())
           .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        for (String user : new String[]{"reviewer", "facilitator", "notetaker", "admin"}) {
            mvc.perform(get("/api/conversations/nope").with(SignedIn.as(user)))
               .andExpect(status().isNotFound())
               .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
               .andExpect(jsonPath("$.kind").value("conversation"))
               .andExpect(jsonPath("$.id").value("nope"));
            mvc.perform(get("/api/agendas").with(SignedIn.as(user)))
               .andExpect(status().isOk())
               .andExpect(jsonPath("$.agendas").isArray());
        }
        mvc.perform(get("/api/agendas").with(SignedIn.as("participant")))
           .andExpect(status().isForbidden());
    }

    @Test
    void httpBasicIsRefusedEvenWithTheRightPassword() throws Exception {
        // The password is checked once, at sign-in (POST /api/session or /api/tokens), never on every request.
        mvc.perform(get("/api/coverage").with(httpBasic("reviewer", "reviewer-dev")))
           .andExpect(status().isUnauthorized())
           .andExpect(jsonPath("$.title").value("HTTP Basic is not accepted"));
    }

    @Test
    void unknownIdsAreNotFoundProblems() throws Exception {
        for (String path : new String[]{"/api/agendas/nope", "/api/participation/sessions/nope",
                                        "/api/participation/conversations/nope",
                                        "/api/audit-trail/participants/nope", "/api/audit-trail/sections/nope",
                                        "/api/audit-trail/reports/nope",
                                        "/api/exports/participation/nope", "/api/conversations/nope"}) {
            mvc.perform(get(path).with(SignedIn.as("reviewer")))
               .andExpect(status().isNotFound())
               .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
               .andExpect(jsonPath("$.id").value("nope"));
        }
    }

    @Test
    void badFiltersAreBadRequestsNamingTheParameter() throws Exception {
        expectBadParameter("/api/agendas/a-1?asOf=yesterday", "asOf");
        expectBadParameter("/api/coverage?fate=FORGOTTEN", "fate");
        expectBadParameter("/api/audit-log?size=0", "size");
        expectBadParameter("/api/audit-log?size=100000", "size");
        expectBadParameter("/api/audit-log?after=-1", "after");
        expectBadParameter("/api/audit-log?after=many", "after");
        expectBadParameter("/api/exports/audit-log?after=1.5", "after");
        expectBadParameter("/api/audit-log?eventType=Nonsense", "eventType");
        expectBadParameter("/api/audit-log?from=2021-03-10T12:00:00Z&to=2021-03-10T10:00:00Z", "to");
        expectBadParameter("/api/audit-trail/participants", "pseudonym");
        expectBadParameter("/api/exports/audit-log?from=noon", "from");
    }

    @Test
    void aBadParameterIsNamedInErrorsAndItsValueNeverRepeated() throws Exception {
        String huge = "y".repeat(5000);
        String[][] cases = {{"/api/agendas/a-1?asOf=" + huge, "asOf"}, {"/api/coverage?fate=" + huge, "fate"},
                {"/api/audit-log?from=" + huge, "from"}, {"/api/exports/audit-log?to=" + huge, "to"},
                {"/api/audit-log?after=" + "9".repeat(5000), "after"}, {"/api/audit-log?size=" + huge, "size"},
                {"/api/audit-log?size=0x10", "size"}, {"/api/audit-log?after=0x1", "after"},
                {"/api/audit-log?from=-999999999-01-01T00:00:00Z", "from"},
                {"/api/audit-log?to=+999999999-12-31T23:59:59Z", "to"},
                {"/api/agendas/a-1?asOf=-999999999-01-01T00:00:00Z", "asOf"}};
        for (String[] c : cases) {
            mvc.perform(get(c[0]).with(SignedIn.as("reviewer")))
               .andExpect(status().isBadRequest())
               .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
               .andExpect(jsonPath("$.parameter").value(c[1]))
               .andExpect(jsonPath("$.errors[0].field").value(c[1]))
               .andExpect(jsonPath("$.errors[0].message").isNotEmpty())
               .andExpect(content().string(not(containsString("yyyyyyyyyy"))))
               .andExpect(content().string(not(containsString("9999999999"))));
        }
        mvc.perform(get("/api/conversations/" + huge).with(SignedIn.as("reviewer")))
           .andExpect(status().isNotFound())
           .andExpect(jsonPath("$.id").value("y".repeat(100) + "..."))
           .andExpect(jsonPath("$.instance").value(("/api/conversations/" + huge).substring(0, 100) + "..."))
           .andExpect(content().string(not(containsString("y".repeat(101)))));
    }

    @Test
    void csvExportsAreCsv() throws Exception {
        mvc.perform(get("/api/exports/coverage").with(SignedIn.as("reviewer")))
           .andExpect(status().isOk())
           .andExpect(content().contentTypeCompatibleWith("text/csv"))
           .andExpect(content().string(containsString("keyPointId,agendaId,round,room")));
        mvc.perform(get("/api/exports/audit-log").with(SignedIn.as("reviewer")))
           .andExpect(status().isOk())
           .andExpect(content().string(containsString("position,eventId,eventType,actor,role")));
    }

    @Test
    void onlyAdminsRebuild() throws Exception {
        mvc.perform(post("/api/replays").with(SignedIn.as("reviewer"))
                                        .contentType(MediaType.APPLICATION_JSON).content("{\"readModel\":\"agenda\"}"))
           .andExpect(status().isForbidden());
        mvc.perform(post("/api/replays").with(SignedIn.as("admin"))
                                        .contentType(MediaType.APPLICATION_JSON).content("{\"readModel\":\"nope\"}"))
           .andExpect(status().isBadRequest())
           .andExpect(jsonPath("$.parameter").value("readModel"));
        mvc.perform(post("/api/replays").with(SignedIn.as("admin"))
                                        .contentType(MediaType.APPLICATION_JSON).content("not json"))
           .andExpect(status().isBadRequest())
           .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/api/replays").with(SignedIn.as("admin"))
                                        .contentType(MediaType.APPLICATION_JSON).content("{\"readModel\":\"coverage\"}"))
           .andExpect(status().isAccepted())
           .andExpect(header().string("Location", containsString("/api/replays/")))
           .andExpect(jsonPath("$.readModels[0]").value("coverage"));
        mvc.perform(get("/api/replays/nope").with(SignedIn.as("admin"))).andExpect(status().isNotFound());
    }

    @Test
    void aReadModelsStateShowsTheRecordedHashAndOnlyAnAdminHashesItAfresh() throws Exception {
        mvc.perform(post("/api/read-models/agenda/content-hash").with(SignedIn.as("reviewer")))
           .andExpect(status().isForbidden());
        mvc.perform(post("/api/read-models/nope/content-hash").with(SignedIn.as("admin")))
           .andExpect(status().isNotFound());
        String hashed = mvc.perform(post("/api/read-models/agenda/content-hash").with(SignedIn.as("admin")))
                           .andExpect(status().isOk())
                           .andExpect(jsonPath("$.contentHash").value(org.hamcrest.Matchers.matchesPattern(
                                   "[0-9a-f]{64}")))
                           .andReturn().getResponse().getContentAsString();
        com.fasterxml.jackson.databind.JsonNode answer = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(hashed);
        org.assertj.core.api.Assertions.assertThat(answer.get("hashedGeneration").asLong())
                                       .isEqualTo(answer.get("activeGeneration").asLong());
        // Reading the state afterwards shows what was recorded, without hashing again.
        mvc.perform(get("/api/read-models/agenda").with(SignedIn.as("admin")))
           .andExpect(status().isOk())
           .andExpect(jsonPath("$.contentHash").value(answer.get("contentHash").asText()))
           .andExpect(jsonPath("$.hashedAt").value(answer.get("hashedAt").asText()))
           .andExpect(jsonPath("$.hashedGeneration").value(answer.get("hashedGeneration").asLong()));
    }

    @Test
    void theOpenApiDescriptionIsPublic() throws Exception {
        mvc.perform(get("/v3/api-docs"))
           .andExpect(status().isOk())
           .andExpect(jsonPath("$.paths['/api/agendas/{agendaId}']").exists());
    }

    private void expectBadParameter(String path, String parameter) throws Exception {
        mvc.perform(get(path).with(SignedIn.as("reviewer")))
           .andExpect(status().isBadRequest())
           .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
           .andExpect(jsonPath("$.parameter").value(parameter));
    }
}
