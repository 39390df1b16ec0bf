package org.consultationtracker.query.agenda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consultationtracker.access.Account;
import org.consultationtracker.access.AccountAuthentication;
import org.consultationtracker.events.agenda.FramingQuestionPosed;
import org.consultationtracker.events.consultation.SessionKind;
import org.consultationtracker.events.consultation.SessionScheduled;
import org.consultationtracker.query.readmodel.ReadModel;
import org.consultationtracker.query.replay.Replays;
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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The sessions list pages by number: more sessions than one bucket of the list holds, scheduled in one order and
 * given framing questions in another, walked page by page with {@code after}/{@code next}; a rebuild numbers them the
 * same way; bad paging parameters are refused naming the field.
 */
@QuerySideTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgendaListTest {

    private static final String P = "list-";
    private static final int SESSIONS = (int) AgendaList.BUCKET + 120;
    private static final Instant AT = Instant.parse("2022-02-01T09:00:00Z");

    @Autowired
    MockMvc mvc;
    @Autowired
    EventStore eventStore;
    @Autowired
    EventStorageEngine engine;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    Replays replays;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void sessionsScheduledThenQuestionedBackwards() {
        EventFeed feed = new EventFeed();
        List<EventMessage<?>> messages = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            messages.add(feed.message(new SessionScheduled(P + "c", session(i), SessionKind.OPEN_SPACE,
                                                           "Session " + i, AT, AT.plusSeconds(3600), AT)));
        }
        // Questions come in the other order: a session keeps the number its first event gave it.
        for (int i = SESSIONS - 1; i >= 0; i--) {
            messages.add(feed.message(new FramingQuestionPosed(session(i), P + "c", "Question " + i,
                                                               AT.plusSeconds(i))));
        }
        for (int from = 0; from < messages.size(); from += 500) {
            eventStore.publish(messages.subList(from, Math.min(from + 500, messages.size()))
                                       .toArray(new EventMessage[0]));
        }
        Processors.awaitCaughtUp(processing, engine);
    }

    private static String session(int i) {
        return P + "s" + i;
    }

    @Test
    void everySessionIsListedOnceInTheOrderItFirstAppearedWithItsLatestQuestion() throws Exception {
        List<JsonNode> listed = walk(200);
        assertThat(listed).extracting(a -> a.get("number").asLong())
                          .as("numbered 1, 2, 3… without gaps or repeats")
                          .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, listed.size())
                                                                               .boxed().toList());
        List<JsonNode> ours = listed.stream().filter(a -> a.get("agendaId").asText().startsWith(P)).toList();
        assertThat(ours).extracting(a -> a.get("agendaId").asText())
                        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, SESSIONS)
                                                                             .mapToObj(AgendaListTest::session)
                                                                             .toList());
        assertThat(ours.get(7).get("title").asText()).isEqualTo("Session 7");
        assertThat(ours.get(7).get("framingQuestion").asText()).isEqualTo("Question 7");
        assertThat(read("/api/agendas?size=1").get("totalAgendas").asLong()).isEqualTo(listed.size());
    }

    @Test
    void pagesAreFullUntilTheLastWhichHasNoNext() throws Exception {
        long total = read("/api/agendas?size=1").get("totalAgendas").asLong();
        JsonNode page = read("/api/agendas?after=" + (total - 3) + "&size=2");
        assertThat(page.get("agendas")).hasSize(2);
        assertThat(page.get("next").asLong()).isEqualTo(total - 1);
        JsonNode last = read("/api/agendas?after=" + page.get("next").asLong() + "&size=2");
        assertThat(last.get("agendas")).hasSize(1);
        assertThat(last.get("next").isNull()).isTrue();
        JsonNode beyond = read("/api/agendas?after=" + (total + 10));
        assertThat(beyond.get("agendas")).isEmpty();
        assertThat(beyond.get("next").isNull()).isTrue();
    }

    @Test
    void aRebuildNumbersTheSessionsTheSameWay() throws Exception {
        List<JsonNode> before = walk(500);
        replays.rebuild(ReadModel.AGENDA);
        List<JsonNode> after = walk(500);
        assertThat(after).extracting(JsonNode::toString).containsExactlyElementsOf(
                before.stream().map(JsonNode::toString).toList());
    }

    @Test
    void badPagingIsRefusedNamingTheField() throws Exception {
        for (String[] bad : new String[][] {{"after=-1", "after"}, {"after=abc", "after"}, {"size=0", "size"},
                {"size=" + (AgendaQueries.MAX_PAGE_SIZE + 1), "size"}, {"size=ten", "size"}}) {
            mvc.perform(get("/api/agendas?" + bad[0]).with(reader()))
               .andExpect(status().isBadRequest())
               .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
               .andExpect(jsonPath("$.parameter").value(bad[1]));
        }
    }

    private List<JsonNode> walk(int size) throws Exception {
        List<JsonNode> agendas = new ArrayList<>();
        String after = "";
        for (int requests = 0; requests < 10_000; requests++) {
            JsonNode page = read("/api/agendas?size=" + size + after);
            page.get("agendas").forEach(agendas::add);
            if (page.get("next").isNull()) {
                return agendas;
            }
            assertThat(page.get("agendas")).hasSize(size);
            after = "&after=" + page.get("next").asLong();
        }
        throw new AssertionError("the walk did not end");
    }

    private JsonNode read(String path) throws Exception {
        return json.readTree(mvc.perform(get(path).with(reader())).andExpect(status().isOk()).andReturn()
                                .getResponse().getContentAsString());
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor reader() {
        return authentication(new AccountAuthentication(new Account("reviewer", Set.of("REVIEWER"), null,
                                                                    Account.LOCAL)));
    }
}
