package org.consultationtracker.query.auditlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consultationtracker.access.Account;
import org.consultationtracker.access.AccountAuthentication;
import org.consultationtracker.events.Wording;
import org.consultationtracker.events.ideas.IdeaSubmitted;
import org.consultationtracker.query.support.EventFeed;
import org.consultationtracker.query.support.Processors;
import org.consultationtracker.query.support.QuerySideTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Paging the audit log by position: more ideas than one posting bucket holds, in two sessions and three participants
 * interleaved, walked page by page with {@code after}/{@code next}, alone and with filters combined.
 */
@QuerySideTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditLogPagingTest {

    private static final String P = "paging-";
    private static final int IDEAS = (int) Postings.BUCKET + 500;
    private static final Instant AT = Instant.parse("2021-06-01T10:00:00Z");

    @Autowired
    MockMvc mvc;
    @Autowired
    EventStore eventStore;
    @Autowired
    EventStorageEngine engine;
    @Autowired
    EventProcessingConfiguration processing;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void ideasInTwoSessions() {
        EventFeed feed = new EventFeed().as(P + "writer", "FACILITATOR");
        List<EventMessage<?>> messages = new ArrayList<>();
        for (int i = 0; i < IDEAS; i++) {
            messages.add(feed.message(new IdeaSubmitted(P + "idea-" + i, P + "c", session(i), P + "g",
                                                        participant(i), Wording.plain("idea " + i), AT)));
        }
        for (int from = 0; from < messages.size(); from += 500) {
            eventStore.publish(messages.subList(from, Math.min(from + 500, messages.size()))
                                       .toArray(new EventMessage[0]));
        }
        Processors.awaitCaughtUp(processing, engine);
    }

    private static String session(int i) {
        return P + (i % 2 == 0 ? "even" : "odd");
    }

    private static String participant(int i) {
        return P + "p" + i % 3;
    }

    @Test
    void oneFilterIsWalkedPageByPageAcrossBucketsWithAnExactCount() throws Exception {
        List<JsonNode> entries = walk("sessionId=" + P + "even&size=500", true);
        assertThat(entries).hasSize(IDEAS / 2 + IDEAS % 2);
        assertThat(entries).allMatch(entry -> entry.get("sessionId").asText().equals(P + "even"));
        assertAscending(entries);
        long first = entries.get(0).get("position").asLong();
        long last = entries.get(entries.size() - 1).get("position").asLong();
        assertThat(Postings.bucketOf(last)).as("the walk crossed a bucket").isGreaterThan(Postings.bucketOf(first));
        assertThat(read("/api/audit-log?sessionId=" + P + "even&size=1").get("totalEntries").asLong())
                .isEqualTo(entries.size());
    }

    @Test
    void combinedFiltersFindExactlyTheirEntriesAndAreNotCounted() throws Exception {
        List<JsonNode> entries = walk("sessionId=" + P + "odd&participantId=" + P + "p1&size=7", false);
        long expected = 0;
        for (int i = 0; i < IDEAS; i++) {
            if (i % 2 == 1 && i % 3 == 1) {
                expected++;
            }
        }
        assertThat(entries).hasSize((int) expected);
        assertThat(entries).allMatch(entry -> entry.get("participantIds").get(0).asText().equals(P + "p1")
                && entry.get("sessionId").asText().equals(P + "odd"));
        assertAscending(entries);
        assertThat(read("/api/audit-log?sessionId=" + P + "odd&participantId=" + P + "p1").get("totalEntries")
                                                                                     .isNull()).isTrue();
    }

    @Test
    void withoutAFilterAPageIsTheNextPositions() throws Exception {
        JsonNode firstOfOurs = read("/api/audit-log?sessionId=" + P + "even&size=1").get("entries").get(0);
        long start = firstOfOurs.get("position").asLong() - 1;
        JsonNode page = read("/api/audit-log?after=" + start + "&size=10");
        assertThat(page.get("entries")).hasSize(10);
        assertThat(page.get("entries").get(0).get("position").asLong()).isEqualTo(start + 1);
        assertThat(page.get("next").asLong()).isEqualTo(page.get("entries").get(9).get("position").asLong());
        assertThat(page.get("totalEntries").asLong()).isGreaterThanOrEqualTo(IDEAS);
    }

    @Test
    void afterTheEndThePageIsEmptyAndHasNoNext() throws Exception {
        JsonNode page = read("/api/audit-log?after=" + Long.MAX_VALUE / 2);
        assertThat(page.get("entries")).isEmpty();
        assertThat(page.get("next").isNull()).isTrue();
        JsonNode filtered = read("/api/audit-log?sessionId=" + P + "even&after=" + Long.MAX_VALUE / 2);
        assertThat(filtered.get("entries")).isEmpty();
        assertThat(filtered.get("next").isNull()).isTrue();
        JsonNode unknown = read("/api/audit-log?sessionId=" + P + "nowhere");
        assertThat(unknown.get("entries")).isEmpty();
        assertThat(unknown.get("totalEntries").asLong()).isZero();
    }

    @Test
    void aTimeRangeOutsideEveryRecordedDayFindsNothingAndOneAroundNowFindsOurs() throws Exception {
        JsonNode none = read("/api/audit-log?from=2001-01-01T00:00:00Z&to=2001-01-02T00:00:00Z");
        assertThat(none.get("entries")).isEmpty();
        assertThat(none.get("next").isNull()).isTrue();
        Instant now = Instant.now();
        List<JsonNode> recent = walk("sessionId=" + P + "odd&from=" + now.minusSeconds(3600) + "&to="
                                             + now.plusSeconds(3600) + "&size=500", false);
        assertThat(recent).hasSize(IDEAS / 2);
    }

    @Test
    void theCsvExportPagesTheSameWay() throws Exception {
        var response = mvc.perform(get("/api/exports/audit-log?sessionId=" + P + "even&size=3").with(admin()))
                          .andExpect(status().isOk()).andReturn().getResponse();
        String next = response.getHeader("Audit-Log-Next");
        assertThat(next).isNotNull();
        assertThat(response.getContentAsString().lines()).hasSize(4);
        var following = mvc.perform(get("/api/exports/audit-log?sessionId=" + P + "even&size=3&after=" + next)
                                            .with(admin())).andExpect(status().isOk()).andReturn().getResponse();
        String firstPosition = following.getContentAsString().lines().skip(1).findFirst().orElseThrow().split(",")[0];
        assertThat(Long.parseLong(firstPosition)).isGreaterThan(Long.parseLong(next));
    }

    /** Every page from the start until next is null; full pages unless {@code mayBeShort}. */
    private List<JsonNode> walk(String filter, boolean fullPages) throws Exception {
        List<JsonNode> entries = new ArrayList<>();
        String after = "";
        for (int requests = 0; requests < 10_000; requests++) {
            JsonNode page = read("/api/audit-log?" + filter + after);
            page.get("entries").forEach(entries::add);
            if (page.get("next").isNull()) {
                return entries;
            }
            if (fullPages) {
                assertThat(page.get("entries").size()).isEqualTo(page.get("size").asInt());
            }
            after = "&after=" + page.get("next").asLong();
        }
        throw new AssertionError("the walk did not end");
    }

    private static void assertAscending(List<JsonNode> entries) {
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i).get("position").asLong())
                    .isGreaterThan(entries.get(i - 1).get("position").asLong());
        }
    }

    private JsonNode read(String path) throws Exception {
        return json.readTree(mvc.perform(get(path).with(admin())).andExpect(status().isOk()).andReturn()
                                .getResponse().getContentAsString());
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor admin() {
        return authentication(new AccountAuthentication(new Account("admin", Set.of("ADMIN"), null, Account.LOCAL)));
    }
}
