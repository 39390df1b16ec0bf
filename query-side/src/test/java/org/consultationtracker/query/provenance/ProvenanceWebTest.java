package org.consultationtracker.query.provenance;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consultationtracker.access.testing.SignedIn;
import org.consultationtracker.events.EncryptedValue;
import org.consultationtracker.events.Wording;
import org.consultationtracker.events.conversation.KeyPointKind;
import org.consultationtracker.events.conversation.KeyPointRecorded;
import org.consultationtracker.events.participant.AgeBand;
import org.consultationtracker.events.participant.ParticipantRegistered;
import org.consultationtracker.events.report.Citation;
import org.consultationtracker.events.report.CitationKind;
import org.consultationtracker.events.report.PublishedSection;
import org.consultationtracker.events.report.ReportPublished;
import org.consultationtracker.events.report.ReportSectionWritten;
import org.consultationtracker.events.report.ReportStarted;
import org.consultationtracker.query.support.EventFeed;
import org.consultationtracker.query.support.Processors;
import org.consultationtracker.query.support.QuerySideTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Instant;
import java.util.List;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The HTTP contract of the provenance exports: formats, who may read, unknown ids and bad parameters. */
@QuerySideTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProvenanceWebTest {

    private static final String P = "provweb-";
    private static final Instant T = Instant.parse("2025-04-01T10:00:00Z");
    private static final String VERSION = "/api/provenance/reports/" + P + "r/versions/1";

    @Autowired
    MockMvc mvc;
    @Autowired
    EventStore eventStore;
    @Autowired
    EventStorageEngine engine;
    @Autowired
    EventProcessingConfiguration processing;

    @BeforeAll
    void publishAVersion() {
        List<Citation> citations = List.of(new Citation(CitationKind.KEY_POINT, P + "kp"));
        EventFeed feed = new EventFeed();
        eventStore.publish(feed.messages(
                new ParticipantRegistered(P + "ana", P + "c", "Wren-Grey", List.of(P + "g"), AgeBand.AGED_18_TO_25,
                                          new EncryptedValue(P + "ana/identity", "aXY=", "eA=="), null, null, T),
                new KeyPointRecorded(P + "conv", P + "kp", KeyPointKind.PROBLEM, Wording.plain("Too few homes"),
                                     false, null, "notetaker", T),
                new ReportStarted(P + "r", P + "c", "Report", T),
                new ReportSectionWritten(P + "r", P + "s", 1, "Homes", "Too few", citations, T),
                new ReportPublished(P + "r", 1, null, List.of(new PublishedSection(P + "s", 1, "Homes", "Too few",
                                                                                   citations)), T))
                                    .toArray(new EventMessage[0]));
        Processors.awaitCaughtUp(processing, engine);
    }

    @Test
    void provJsonByDefaultAndByAcceptOrParameter() throws Exception {
        for (var request : List.of(get(VERSION), get(VERSION).accept(MediaType.APPLICATION_JSON),
                                   get(VERSION).param("format", "prov-json"),
                                   get(VERSION).header("Accept", "text/html,*/*;q=0.8"),
                                   get(VERSION).param("format", "prov-json").accept("application/ld+json"))) {
            mvc.perform(request.with(SignedIn.as("reviewer")))
               .andExpect(status().isOk())
               .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
               .andExpect(jsonPath("$.prefix.ct").value(ProvDocument.NAMESPACE))
               .andExpect(jsonPath("$.entity").isMap())
               .andExpect(header().string("Content-Disposition", "inline; filename=\"report-" + P
                       + "r-v1.prov.json\""));
        }
    }

    @Test
    void provOAsJsonLdByAcceptOrParameter() throws Exception {
        for (var request : List.of(get(VERSION).accept("application/ld+json"),
                                   get(VERSION).param("format", "prov-o"))) {
            mvc.perform(request.with(SignedIn.as("facilitator")))
               .andExpect(status().isOk())
               .andExpect(content().contentTypeCompatibleWith("application/ld+json"))
               .andExpect(jsonPath("$['@context'].prov").value("http://www.w3.org/ns/prov#"))
               .andExpect(jsonPath("$['@graph']").isArray());
        }
        mvc.perform(get(VERSION + "/sections/" + P + "s").param("format", "prov-o").with(SignedIn.as("admin")))
           .andExpect(status().isOk())
           .andExpect(jsonPath("$['@graph'][?(@['ct:sectionId'] == '" + P + "s')]").exists());
    }

    @Test
    void anUnknownFormatIsABadRequestNamingTheParameter() throws Exception {
        mvc.perform(get(VERSION).param("format", "turtle").with(SignedIn.as("reviewer")))
           .andExpect(status().isBadRequest())
           .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
           .andExpect(jsonPath("$.parameter").value("format"))
           .andExpect(jsonPath("$.errors[0].field").value("format"));
        mvc.perform(get("/api/provenance/reports/" + P + "r/versions/one").with(SignedIn.as("reviewer")))
           .andExpect(status().isBadRequest())
           .andExpect(jsonPath("$.parameter").value("version"));
    }

    @Test
    void unknownReportsVersionsSectionsAndParticipantsAreNotFound() throws Exception {
        for (String path : List.of("/api/provenance/reports/nope/versions/1", "/api/provenance/reports/" + P
                                           + "r/versions/2", VERSION + "/sections/nope",
                                   "/api/provenance/participants/nope")) {
            mvc.perform(get(path).with(SignedIn.as("reviewer")))
               .andExpect(status().isNotFound())
               .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        }
    }

    @Test
    void onlyTheReviewTeamFacilitatorsAndAdminsMayExport() throws Exception {
        String participant = "/api/provenance/participants/" + P + "ana";
        for (String path : List.of(VERSION, participant)) {
            mvc.perform(get(path)).andExpect(status().isUnauthorized());
            for (String user : List.of("notetaker", "participant")) {
                mvc.perform(get(path).with(SignedIn.as(user))).andExpect(status().isForbidden());
            }
            for (String user : List.of("reviewer", "facilitator", "admin")) {
                mvc.perform(get(path).with(SignedIn.as(user))).andExpect(status().isOk());
            }
        }
        // a participant's own export is elsewhere (/api/participants/{id}/export); this one is not theirs to take
        mvc.perform(get(participant).with(SignedIn.participant(P + "ana"))).andExpect(status().isForbidden());
    }
}
