package org.consultationtracker.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.consultationtracker.command.CommandSideApplication;
import org.consultationtracker.eventstore.embedded.EmbeddedMongoStore;
import org.consultationtracker.eventstore.verify.ChainVerifier;
import org.consultationtracker.eventstore.verify.VerificationReport;
import org.consultationtracker.importer.AttendancePlan;
import org.consultationtracker.importer.Dataset;
import org.consultationtracker.importer.DatasetImporter;
import org.consultationtracker.importer.ImportPlan;
import org.consultationtracker.query.QuerySideApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.io.PrintStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dataset test of issue 5: the "Create" dataset imported through the command API, then checked through the query
 * side's API against the dataset file itself: the agenda's conversations per round and slot, the participant numbers
 * per conversation, every quote in exactly one conversation, the announced figures beside what was summarised, and
 * that a second import stores nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatasetImportTest {

    private static final Duration CATCH_UP = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient http = HttpClient.newHttpClient();

    private static EmbeddedMongoStore store;
    private static ConfigurableApplicationContext commandSide;
    private static ConfigurableApplicationContext querySide;
    private static DatasetImporter.Options options;
    private static DatasetImporter.Result firstImport;
    private static final Dataset dataset = Dataset.bundled();

    /**
     * The command side runs with one test user, the importer (an ADMIN), in place of the development users: the
     * import signs in once with it and sends its token on every request.
     */
    private static final String IMPORTER_PASSWORD = "importer-test";

    @BeforeAll
    static void startBothServicesAndImport() throws Exception {
        store = EmbeddedMongoStore.startInMemory();
        String[] common = {"--server.port=0", "--server.address=127.0.0.1",
                "--consultation.store.mongodb-uri=" + store.uri(), "--consultation.store.fetch-delay=50ms",
                "--consultation.keys.master-key=" + SharedMasterKey.BASE64};
        String[] commandSideArgs = Stream.concat(Arrays.stream(common), Stream.of(
                "--consultation.security.users[0].username=importer",
                "--consultation.security.users[0].password-hash="
                        + new BCryptPasswordEncoder(4).encode(IMPORTER_PASSWORD),
                "--consultation.security.users[0].roles=ADMIN")).toArray(String[]::new);
        commandSide = CommandSideApplication.builder().run(commandSideArgs);
        querySide = QuerySideApplication.builder().run(common);
        DatasetImporter.Options defaults = DatasetImporter.Options.defaults();
        options = new DatasetImporter.Options(base(commandSide), "importer", IMPORTER_PASSWORD, null,
                defaults.eventDate(), true, defaults.parallel());
        firstImport = DatasetImporter.run(options, new PrintStream(OutputStream.nullOutputStream()));
        Instant imported = Instant.now();
        awaitQuerySideCaughtUp();
        System.out.printf("Dataset imported: %d requests in %.1f s; query side caught up %.1f s later%n",
                firstImport.requests(), firstImport.took().toMillis() / 1000.0,
                Duration.between(imported, Instant.now()).toMillis() / 1000.0);
    }

    @AfterAll
    static void stopBothServices() {
        if (querySide != null) {
            querySide.close();
        }
        if (commandSide != null) {
            commandSide.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    @Order(1)
    void theFirstImportRecordedEveryRequest() {
        assertThat(firstImport.replayed()).isZero();
        assertThat(firstImport.recorded()).isEqualTo(firstImport.requests());
        assertThat(firstImport.requestsByKind()).containsEntry("key-point", 458).containsEntry("participant", 97);
        assertThat(firstImport.requestsByKind()).containsEntry("feedback", 1);
    }

    @Test
    @Order(2)
    void theAgendaHoldsTheDatasetsConversationsPerRoundInTheirSlots() throws Exception {
        JsonNode agenda = eventually(() -> {
            JsonNode view = get("/api/agendas/" + ImportPlan.AGENDA_ID);
            assertThat(view.get("rounds")).allSatisfy(r -> assertThat(r.get("status").asText()).isEqualTo("CLOSED"));
            assertThat(view.get("proposals")).hasSize(dataset.proposals().size());
            assertThat(view.get("proposals"))
                    .allSatisfy(p -> assertThat(p.get("conversationStatus").asText()).isEqualTo("HELD"));
            return view;
        });
        assertThat(agenda.get("framingQuestion").asText()).isEqualTo(dataset.session().framingQuestion().text());
        assertThat(agenda.get("rounds")).hasSize(dataset.rounds().size());
        assertThat(agenda.get("discrepancies")).as("no slot holds two conversations").isEmpty();
        // What the report announced stays beside what was recorded, with every difference spelled out.
        assertThat(agenda.get("announced").get("conversations").asInt()).isEqualTo(42);
        assertThat(agenda.get("announced").get("perRound")).extracting(JsonNode::asInt).containsExactly(15, 15, 14);
        assertThat(agenda.get("announcedVsRecorded")).extracting(JsonNode::asText).satisfiesExactlyInAnyOrder(
                line -> assertThat(line).contains("42 conversations; recorded on the agenda: 41."),
                line -> assertThat(line).isEqualTo("Round 2: announced 15 conversations; recorded 13."),
                line -> assertThat(line).isEqualTo("Round 3: announced 14 conversations; recorded 13."),
                line -> assertThat(line).isEqualTo("The announced rounds add up to 44, not the announced 42."));

        Map<Integer, List<String>> heldPerRound = new TreeMap<>();
        for (JsonNode slot : agenda.get("grid")) {
            for (JsonNode conversation : slot.get("conversations")) {
                int round = slot.get("round").asInt();
                heldPerRound.computeIfAbsent(round, r -> new ArrayList<>()).add(conversation.get("conversationId").asText());
                Dataset.Conversation expected = dataset.conversation(conversation.get("conversationId").asText());
                assertThat(round).isEqualTo(expected.round());
                assertThat(slot.get("room").asText()).isEqualTo(ImportPlan.roomName(expected.room(), 15));
                assertThat(conversation.get("question").asText()).isEqualTo(expected.question());
                assertThat(conversation.get("hosts")).hasSize(1);
                assertThat(conversation.get("hosts").get(0).get("participantId").asText()).isEqualTo(expected.host());
                assertThat(conversation.get("hosts").get(0).get("label").asText()).contains(
                        pseudonymOf(expected.host()));
            }
        }
        for (Dataset.Round round : dataset.rounds()) {
            assertThat(heldPerRound.get(round.number())).as("round " + round.number())
                    .containsExactlyElementsOf(round.conversationIds());
        }
        assertThat(heldPerRound.values().stream().map(List::size).toList())
                .isEqualTo(dataset.announced().summarised().perRound())
                .containsExactly(15, 13, 13);
    }

    @Test
    @Order(3)
    void participantNumbersPerConversationAreTheDatasets() throws Exception {
        JsonNode session = eventually(() -> {
            JsonNode view = get("/api/participation/sessions/" + ImportPlan.AGENDA_ID);
            assertThat(view.get("conversations").asInt()).isEqualTo(dataset.conversations().size());
            assertThat(view.get("rounds")).allSatisfy(r -> assertThat(r.get("closedAt").isNull()).isFalse());
            return view;
        });
        Map<String, JsonNode> byConversation = new HashMap<>();
        for (JsonNode round : session.get("rounds")) {
            for (JsonNode conversation : round.get("conversationDetails")) {
                byConversation.put(conversation.get("conversationId").asText(), conversation);
            }
        }
        assertThat(byConversation).hasSize(41);
        Map<String, Dataset.Participant> participants = new HashMap<>();
        dataset.participants().forEach(p -> participants.put(p.id(), p));
        Map<Integer, Integer> perRound = new TreeMap<>();
        for (Dataset.Conversation conversation : dataset.conversations()) {
            Dataset.ParticipantCount count = conversation.participantCount();
            int expected = AttendancePlan.number(conversation);
            if (count.total() != null) {
                assertThat(expected).isEqualTo(count.total());
            } else { // open in the report: the importer's documented choice, within the dataset's bounds
                assertThat(expected).isGreaterThanOrEqualTo(count.totalMin());
                if (count.totalMax() != null) {
                    assertThat(expected).isLessThanOrEqualTo(count.totalMax());
                }
            }
            JsonNode view = byConversation.get(conversation.id());
            assertThat(view.get("initial").asInt()).as(conversation.id() + " initial").isEqualTo(expected);
            assertThat(view.get("highestSustained").asInt()).as(conversation.id() + " sustained").isEqualTo(expected);
            assertThat(view.get("peak").asInt()).as(conversation.id() + " peak").isEqualTo(expected);
            assertThat(view.get("uniqueVisitors").asInt()).as(conversation.id()).isEqualTo(expected);
            perRound.merge(conversation.round(), expected, Integer::sum);

            // Stakeholder groups come only from people the report describes; everyone derived is "unknown".
            Map<String, Integer> expectedGroups = new TreeMap<>();
            List<String> named = new ArrayList<>();
            named.add(conversation.host());
            conversation.attendeeRoles().forEach(r -> named.addAll(r.participants()));
            for (String id : named) {
                participants.get(id).stakeholderGroups().forEach(g -> expectedGroups.merge(g, 1, Integer::sum));
            }
            int derived = expected - named.size();
            if (derived > 0) {
                expectedGroups.merge(Dataset.UNKNOWN_GROUP, derived, Integer::sum);
            }
            Map<String, Integer> actualGroups = new TreeMap<>();
            view.get("byStakeholderGroup").forEach(g ->
                    actualGroups.put(g.get("stakeholderGroupId").asText(), g.get("initial").asInt()));
            assertThat(actualGroups).as(conversation.id() + " by stakeholder group").isEqualTo(expectedGroups);
        }
        assertThat(byConversation.get("r1-c09").get("byStakeholderGroup").toString())
                .contains("care-experienced-young-people", "kinship-carers-and-special-guardians");
        for (JsonNode round : session.get("rounds")) {
            int number = round.get("round").asInt();
            assertThat(round.get("initialTotal").asInt()).isEqualTo(perRound.get(number));
            assertThat(round.get("highestSustainedTotal").asInt()).isEqualTo(perRound.get(number));
            // nobody was in two rooms of a round and nobody moved
            assertThat(round.get("uniqueVisitors").asInt()).isEqualTo(perRound.get(number));
            assertThat(round.get("movesBetweenRooms").asInt()).isZero();
        }
        assertThat(perRound).containsExactly(Map.entry(1, 73), Map.entry(2, 71), Map.entry(3, 55));
    }

    @Test
    @Order(4)
    void everyQuoteOfTheDatasetIsInExactlyOneConversation() throws Exception {
        int keyPoints = dataset.conversations().stream().mapToInt(c -> c.keyPoints().size()).sum();
        JsonNode coverage = eventually(() -> {
            JsonNode view = get("/api/coverage?agendaId=" + ImportPlan.AGENDA_ID);
            assertThat(view.get("keyPoints")).hasSize(keyPoints);
            assertThat(view.get("totals").path("NOT_YET_HANDLED").asInt(0)).isZero();
            assertThat(view.get("totals").path("CITED").asInt(0)).isEqualTo(42);
            assertThat(view.get("totals").path("CITED_WITH_CONVERSATION").asInt(0))
                    .isEqualTo(citedOnlyWithTheirConversation());
            return view;
        });
        Map<String, List<JsonNode>> byId = new HashMap<>();
        Map<String, List<String>> conversationsByText = new HashMap<>();
        for (JsonNode keyPoint : coverage.get("keyPoints")) {
            byId.computeIfAbsent(keyPoint.get("keyPointId").asText(), k -> new ArrayList<>()).add(keyPoint);
            JsonNode plain = keyPoint.get("text").get("plain");
            if (!plain.isNull()) {
                conversationsByText.computeIfAbsent(plain.asText(), t -> new ArrayList<>())
                        .add(keyPoint.get("conversationId").asText());
            }
        }
        int quotes = 0;
        for (Dataset.Conversation conversation : dataset.conversations()) {
            for (Dataset.KeyPoint keyPoint : conversation.keyPoints()) {
                List<JsonNode> found = byId.get(keyPoint.id());
                assertThat(found).as(keyPoint.id()).hasSize(1);
                JsonNode view = found.get(0);
                assertThat(view.get("conversationId").asText()).isEqualTo(conversation.id());
                assertThat(view.get("round").asInt()).isEqualTo(conversation.round());
                assertThat(view.get("kind").asText()).isEqualToIgnoringCase(keyPoint.kind());
                assertThat(view.get("verbatim").asBoolean()).as(keyPoint.id()).isEqualTo(keyPoint.verbatim());
                // attributed words are stored encrypted with the speaker's key; the query side opens them to show
                assertThat(view.get("text").get("sealed").asBoolean()).as(keyPoint.id()).isFalse();
                assertThat(view.get("text").get("plain").asText()).as(keyPoint.id()).isEqualTo(keyPoint.text());
                if (keyPoint.attributedTo() == null) {
                    assertThat(view.get("voice").isNull()).as(keyPoint.id()).isTrue();
                } else {
                    assertThat(view.get("voice").asText()).contains(pseudonymOf(keyPoint.attributedTo()));
                }
                if (keyPoint.verbatim()) {
                    quotes++;
                    assertThat(conversationsByText.get(keyPoint.text())).as("conversations quoting " + keyPoint.id())
                            .containsExactly(conversation.id());
                }
            }
        }
        assertThat(quotes).isEqualTo(446);
        // every other point is in its conversation's summary
        assertThat(coverage.get("totals").get("SUMMARISED").asInt())
                .isEqualTo(keyPoints - 42 - citedOnlyWithTheirConversation());
    }

    /**
     * The key points no section of the report cites on its own, in conversations a section cites as a whole: their
     * fate is "cited with its whole conversation", the same in coverage as in the section trail and the voice flow.
     */
    private int citedOnlyWithTheirConversation() {
        Set<String> direct = new HashSet<>();
        Set<String> whole = new HashSet<>();
        for (Dataset.ReportSection section : dataset.reportSections()) {
            for (Dataset.SectionItem item : section.items()) {
                for (Dataset.Cite cite : item.cites()) {
                    direct.add(cite.ref());
                    whole.add(cite.ref());
                }
            }
        }
        int count = 0;
        for (Dataset.Conversation conversation : dataset.conversations()) {
            if (whole.contains(conversation.id())) {
                count += (int) conversation.keyPoints().stream().filter(k -> !direct.contains(k.id())).count();
            }
        }
        return count;
    }

    @Test
    @Order(5)
    void theAnnouncedFiguresStandBesideWhatWasHeld() throws Exception {
        // The grid has the announced architecture's 15 rooms per round; what the report summarises fills 15, 13 and
        // 13 of them, so the agenda shows two empty rooms in rounds 2 and 3.
        JsonNode agenda = get("/api/agendas/" + ImportPlan.AGENDA_ID);
        int announcedRooms = dataset.announced().architecture().concurrentPerRound();
        assertThat(agenda.get("rooms")).hasSize(announcedRooms);
        Map<Integer, Integer> emptyRooms = new TreeMap<>();
        for (JsonNode slot : agenda.get("grid")) {
            if (slot.get("conversations").isEmpty()) {
                emptyRooms.merge(slot.get("round").asInt(), 1, Integer::sum);
            }
        }
        List<Integer> summarised = dataset.announced().summarised().perRound();
        for (int round = 1; round <= 3; round++) {
            assertThat(emptyRooms.getOrDefault(round, 0)).isEqualTo(announcedRooms - summarised.get(round - 1));
        }
        // The announced agenda of 42 is in the published report's text, shown beside the 41 held conversations.
        JsonNode section = eventually(() -> get("/api/audit-trail/sections/rs-00"));
        assertThat(section.get("text").asText()).contains(dataset.announced().agenda().count() + " diverse conversation"
                + " proposals").contains("three rounds of 15 concurrent 45 minute conversations");
        assertThat(dataset.announced().agenda().count()).isEqualTo(42);

        // The published report reads as a document, and its sentences lead to the words behind them: the sentence
        // on conversations that stayed in the problem space cites r3-c10 as a whole, whose summary holds its points.
        String version = "/api/reports/" + ImportPlan.REPORT_ID + "/versions/1";
        JsonNode document = eventually(() -> get(version));
        assertThat(document.get("sections")).hasSize(dataset.reportSections().size());
        JsonNode sentences = get(version + "/sections/rs-00/sentences").get("sentences");
        JsonNode problemSpace = null;
        for (JsonNode sentence : sentences) {
            if (sentence.get("text").asText().contains("remained in the problem space")) {
                problemSpace = sentence;
            }
        }
        assertThat(problemSpace).as("a sentence of rs-00 on the problem space").isNotNull();
        assertThat(problemSpace.get("citations")).extracting(c -> c.get("targetId").asText()).contains("r3-c10");
        JsonNode trace = get(version + "/sections/rs-00/sentences/" + problemSpace.get("index").asInt());
        assertThat(trace.get("words")).isNotEmpty();
        assertThat(trace.get("words").get(0).get("via").asText()).isEqualTo("summary of conversation r3-c10");
        assertThat(trace.get("distinctVoices").asInt()).isPositive();
    }

    @Test
    @Order(5)
    void theFeedbackQuoteIsTheSessionsFeedbackCitedByThePublishedReport() throws Exception {
        JsonNode feedback = eventually(() -> {
            JsonNode page = get("/api/session-feedback?sessionId=" + ImportPlan.AGENDA_ID);
            assertThat(page.get("feedback")).hasSize(1);
            return page.get("feedback").get(0);
        });
        assertThat(feedback.get("feedbackId").asText()).isEqualTo("fb-01");
        assertThat(feedback.get("anonymous").asBoolean()).isTrue();
        assertThat(feedback.get("verbatim").asBoolean()).isTrue();
        assertThat(feedback.get("text").get("plain").asText())
                .isEqualTo(dataset.session().feedbackQuotes().get(0).text());
        JsonNode trail = eventually(() -> {
            JsonNode one = get("/api/session-feedback/fb-01");
            assertThat(one.get("publishedIn")).isNotEmpty();
            return one;
        });
        assertThat(trail.get("citedIn")).extracting(c -> c.get("sectionId").asText()).containsExactly("rs-00");
        assertThat(trail.get("publishedIn").get(0).get("version").asInt()).isEqualTo(1);
    }

    @Test
    @Order(6)
    void importingAgainStoresNothingNew() throws Exception {
        ChainVerifier verifier = commandSide.getBean(ChainVerifier.class);
        VerificationReport before = verifier.verify();
        assertThat(before.intact()).as(before.summary()).isTrue();
        assertThat(before.eventsVerified()).isGreaterThan(firstImport.requests());

        DatasetImporter.Result again = DatasetImporter.run(options, new PrintStream(OutputStream.nullOutputStream()));
        System.out.printf("Dataset imported again: %d requests replayed in %.1f s%n", again.replayed(),
                again.took().toMillis() / 1000.0);

        VerificationReport after = verifier.verify();
        assertThat(again.requests()).isEqualTo(firstImport.requests());
        assertThat(again.replayed()).isEqualTo(again.requests());
        assertThat(again.recorded()).isZero();
        assertThat(after.eventsVerified()).isEqualTo(before.eventsVerified());
        assertThat(after.headPosition()).isEqualTo(before.headPosition());
        assertThat(after.intact()).as(after.summary()).isTrue();
    }

    private static String pseudonymOf(String participantId) {
        return dataset.participants().stream().filter(p -> p.id().equals(participantId)).findFirst()
                .orElseThrow().pseudonym();
    }

    /** Waits until the audit log holds as many entries as the store holds events: the projections are fed. */
    private static void awaitQuerySideCaughtUp() throws Exception {
        long events = commandSide.getBean(ChainVerifier.class).verify().eventsVerified();
        eventually(() -> {
            assertThat(get("/api/audit-log?size=1").get("totalEntries").asLong()).isEqualTo(events);
            return null;
        });
    }

    private interface Check<T> {
        T run() throws Exception;
    }

    private static <T> T eventually(Check<T> check) throws Exception {
        Instant deadline = Instant.now().plus(CATCH_UP);
        while (true) {
            try {
                return check.run();
            } catch (AssertionError e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private static JsonNode get(String pathAndQuery) throws Exception {
        String querySideBase = base(querySide).toString().replaceAll("/+$", "");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base(querySide) + pathAndQuery))
                .header("Authorization", SignIn.bearer(querySideBase, "reviewer")).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(pathAndQuery + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static URI base(ConfigurableApplicationContext service) {
        int port = ((WebServerApplicationContext) service).getWebServer().getPort();
        return URI.create("http://127.0.0.1:" + port);
    }
}
