package org.consultationtracker.query.coverage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consultationtracker.access.Account;
import org.consultationtracker.access.AccountAuthentication;
import org.consultationtracker.events.Wording;
import org.consultationtracker.events.conversation.KeyPointKind;
import org.consultationtracker.events.conversation.KeyPointRecorded;
import org.consultationtracker.events.participant.AgeBand;
import org.consultationtracker.events.participant.ParticipantRegistered;
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
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Coverage of everything and of one stakeholder group, paged in stream order: more key points than one bucket holds,
 * from an anonymous voice, a speaker registered before speaking and one registered only afterwards (whose key points
 * move from the anonymous group to theirs), walked with {@code after}/{@code next}.
 */
@QuerySideTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoveragePagingTest {

    private static final String P = "coverage-paging-";
    private static final int KEY_POINTS = (int) KeyPointStream.BUCKET + 300;
    private static final int SPEAKERS = 40;
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
    private final List<String> recorded = new ArrayList<>();
    private final List<String> early = new ArrayList<>();
    private final List<String> late = new ArrayList<>();

    @BeforeAll
    void keyPointsFromThreeVoices() {
        EventFeed feed = new EventFeed().as(P + "notetaker", "NOTETAKER");
        List<EventMessage<?>> messages = new ArrayList<>();
        for (int s = 0; s < SPEAKERS; s++) {
            messages.add(feed.message(registered("early-" + s, "g-early")));
        }
        for (int i = 0; i < KEY_POINTS; i++) {
            String id = P + "kp-" + i;
            // shaped like a session: about 30 key points a conversation, each speaker a few dozen
            String speaker = i % 3 == 0 ? null : P + (i % 3 == 1 ? "early-" : "late-") + (i / 3) % SPEAKERS;
            recorded.add(id);
            (i % 3 == 1 ? early : i % 3 == 2 ? late : new ArrayList<String>()).add(id);
            messages.add(feed.message(new KeyPointRecorded(P + "conversation-" + i / 30, id, KeyPointKind.PROBLEM,
                                                           Wording.plain("point " + i), false, speaker,
                                                           P + "notetaker", AT)));
        }
        for (int s = 0; s < SPEAKERS; s++) {
            messages.add(feed.message(registered("late-" + s, "g-late")));
        }
        for (int from = 0; from < messages.size(); from += 500) {
            eventStore.publish(messages.subList(from, Math.min(from + 500, messages.size()))
                                       .toArray(new EventMessage[0]));
        }
        Processors.awaitCaughtUp(processing, engine);
    }

    private static ParticipantRegistered registered(String name, String group) {
        return new ParticipantRegistered(P + name, P + "c", P + name, List.of(P + group), AgeBand.AGED_26_AND_OVER,
                                         null, null, null, AT);
    }

    @Test
    void everythingIsWalkedPageByPageInTheOrderRecordedEachKeyPointOnce() throws Exception {
        List<String> walked = walk("size=500");
        assertThat(new HashSet<>(walked)).as("no key point twice").hasSize(walked.size());
        List<String> ours = walked.stream().filter(id -> id.startsWith(P)).toList();
        assertThat(ours).containsExactlyElementsOf(recorded);
        JsonNode first = read("/api/coverage?size=1");
        assertThat(first.get("keyPointCount").asLong()).isEqualTo(walked.size());
        assertThat(first.get("totals").isNull()).as("not counted over everything").isTrue();
        assertThat(first.get("next").isNull()).isFalse();
    }

    @Test
    void aGroupRegisteredBeforeSpeakingHoldsExactlyItsKeyPointsWithAnExactCount() throws Exception {
        assertThat(walk("stakeholderGroupId=" + P + "g-early&size=7")).containsExactlyElementsOf(early);
        assertThat(read("/api/coverage?stakeholderGroupId=" + P + "g-early&size=1").get("keyPointCount").asLong())
                .isEqualTo(early.size());
    }

    @Test
    void keyPointsOfASpeakerRegisteredAfterwardsMoveFromAnonymousToTheirGroup() throws Exception {
        assertThat(walk("stakeholderGroupId=" + P + "g-late&size=500")).containsExactlyElementsOf(late);
        List<String> anonymous = walk("stakeholderGroupId=anonymous&size=500");
        assertThat(anonymous).doesNotContainAnyElementsOf(late).doesNotContainAnyElementsOf(early);
        assertThat(anonymous.stream().filter(id -> id.startsWith(P)))
                .containsExactlyElementsOf(recorded.stream().filter(id -> !early.contains(id) && !late.contains(id))
                                                   .toList());
    }

    @Test
    void aFateFilterAppliesToThePageAndAnUnknownGroupHasNothing() throws Exception {
        JsonNode cited = read("/api/coverage?stakeholderGroupId=" + P + "g-early&fate=CITED&size=50");
        assertThat(cited.get("keyPoints")).isEmpty();
        assertThat(cited.get("next").isNull()).as("the page is empty but the group goes on").isFalse();
        JsonNode unknown = read("/api/coverage?stakeholderGroupId=" + P + "nobody");
        assertThat(unknown.get("keyPoints")).isEmpty();
        assertThat(unknown.get("next").isNull()).isTrue();
        assertThat(unknown.get("keyPointCount").asLong()).isZero();
    }

    @Test
    void aConversationIsAnsweredWholeWithItsTotals() throws Exception {
        JsonNode whole = read("/api/coverage?conversationId=" + P + "conversation-1&size=1");
        assertThat(whole.get("keyPoints")).hasSize(30);
        assertThat(whole.get("totals").get("NOT_YET_HANDLED").asInt()).isEqualTo(30);
        assertThat(whole.get("next").isNull()).isTrue();
    }

    @Test
    void badPagingParametersAreRefusedNamingTheField() throws Exception {
        for (String[] bad : new String[][] {{"size=0", "size"}, {"size=501", "size"}, {"after=-1", "after"},
                {"after=soon", "after"}}) {
            mvc.perform(get("/api/coverage?" + bad[0]).with(admin()))
               .andExpect(status().isBadRequest())
               .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
               .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(bad[1])));
            mvc.perform(get("/api/exports/coverage?" + bad[0]).with(admin()))
               .andExpect(status().isBadRequest());
        }
    }

    @Test
    void theCsvExportPagesTheSameWay() throws Exception {
        String path = "/api/exports/coverage?stakeholderGroupId=" + P + "g-late&size=3";
        var response = mvc.perform(get(path).with(admin())).andExpect(status().isOk()).andReturn().getResponse();
        String next = response.getHeader("Coverage-Next");
        assertThat(next).isNotNull();
        List<String> lines = response.getContentAsString().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).startsWith(late.get(0) + ",");
        var following = mvc.perform(get(path + "&after=" + next).with(admin())).andExpect(status().isOk())
                           .andReturn().getResponse();
        assertThat(following.getContentAsString().lines().skip(1).findFirst().orElseThrow())
                .startsWith(late.get(3) + ",");
    }

    /** The key point ids of every page from the start until next is null. */
    private List<String> walk(String filter) throws Exception {
        List<String> ids = new ArrayList<>();
        String after = "";
        for (int requests = 0; requests < 10_000; requests++) {
            JsonNode page = read("/api/coverage?" + filter + after);
            page.get("keyPoints").forEach(keyPoint -> ids.add(keyPoint.get("keyPointId").asText()));
            if (page.get("next").isNull()) {
                return ids;
            }
            after = "&after=" + page.get("next").asLong();
        }
        throw new AssertionError("the walk did not end");
    }

    private JsonNode read(String path) throws Exception {
        return json.readTree(mvc.perform(get(path).with(admin())).andExpect(status().isOk()).andReturn()
                                .getResponse().getContentAsString());
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor admin() {
        return authentication(new AccountAuthentication(new Account("admin", Set.of("ADMIN"), null, Account.LOCAL)));
    }
}
