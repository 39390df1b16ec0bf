package org.consultationtracker.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.consultationtracker.command.CommandSideApplication;
import org.consultationtracker.eventstore.embedded.EmbeddedMongoStore;
import org.consultationtracker.query.QuerySideApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Nothing personal kept after they ask for it to go", checked where it is kept: a participant speaks in every way the
 * product records (registration, a proposal with its pitch, a key point and its edit, a plenary contribution, an
 * idea, a cited quote in a published report), asks for erasure with their words withdrawn, and then every document of
 * every collection of the store, and the answer of every GET endpoint of both services' committed OpenAPI documents,
 * is searched for the plaintext of what they gave. Before the erasure the same search finds it (so the search can
 * fail); afterwards it must find nothing.
 */
class ErasureLeavesNoPlaintextTest {

    private static final String DAY = "2021-06-12T";
    private static final String PERSON = "p-marigold";
    private static final String HOST = "p-host";
    private static final String AGENDA = "os-erasure";
    private static final String PROPOSAL = "pr-siblings";

    /** Everything the person gave, each text unique enough that finding it anywhere means it was kept. */
    private static final Map<String, String> THEIR_DATA = new LinkedHashMap<>();

    static {
        THEIR_DATA.put("name", "Marigold Featherstonehaugh-Quill");
        THEIR_DATA.put("contact", "marigold.quill.7781@example.invalid");
        THEIR_DATA.put("self-description", "grew up with my nan in Swindon 7781");
        THEIR_DATA.put("proposal question", "Why did nobody tell me about my brother 7781?");
        THEIR_DATA.put("pitch", "I was moved eleven times and lost him 7781");
        THEIR_DATA.put("key point", "They changed my social worker every six months 7781");
        THEIR_DATA.put("edited key point", "They changed my social worker every six months or sooner 7781");
        THEIR_DATA.put("plenary contribution", "Please keep brothers and sisters together 7781");
        THEIR_DATA.put("idea", "A passport that lists every sibling 7781");
    }

    private static EmbeddedMongoStore store;
    private static ConfigurableApplicationContext commandSide;
    private static ConfigurableApplicationContext querySide;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void startBothServices() {
        store = EmbeddedMongoStore.startInMemory();
        String[] common = {"--server.port=0", "--server.address=127.0.0.1",
                "--consultation.store.mongodb-uri=" + store.uri(), "--consultation.store.fetch-delay=50ms",
                "--consultation.keys.master-key=" + SharedMasterKey.BASE64};
        commandSide = CommandSideApplication.builder().run(common);
        querySide = QuerySideApplication.builder().run(common);
    }

    @AfterAll
    static void stopBothServices() {
        if (querySide != null) {
            querySide.close();
        }
        if (commandSide != null) {
            commandSide.close();
        }
        store.close();
    }

    @Test
    void afterErasureWithTheirWordsWithdrawnNoCollectionAndNoAnswerHoldsWhatTheyGave() throws Exception {
        recordEverythingTheyGave();
        awaitQuerySide("/api/agendas/" + AGENDA, body -> body.contains(THEIR_DATA.get("proposal question")));

        assertThat(searchTheStore(Map.of("pseudonym", "Marigold")))
                .as("the store search reaches the read models (which hold the pseudonym in clear)").isNotEmpty();
        List<String> before = new ArrayList<>(searchTheStore(THEIR_DATA));
        before.addAll(searchEveryAnswer());
        assertThat(before).as("the search finds their words while they are held (or it could never fail)")
                          .anyMatch(found -> found.contains("proposal question"))
                          .anyMatch(found -> found.contains("name"))
                          .anyMatch(found -> found.contains("key point"));

        post("facilitator", "/api/participants/" + PERSON + "/erasure", """
                {"contributionPolicy": "WITHDRAW_WORDS", "reason": "Asked at the event to have everything removed",
                 "requestReference": "request form 12, kept by the facilitators"}""");
        awaitQuerySide("/api/audit-log?participantId=" + PERSON, body -> body.contains("ParticipantErased"));
        awaitQuerySide("/api/agendas/" + AGENDA, body -> !body.contains(THEIR_DATA.get("proposal question")));
        Thread.sleep(1500); // every read model's processor has had its batch: the search below is the judge

        List<String> after = new ArrayList<>(searchTheStore(THEIR_DATA));
        after.addAll(searchEveryAnswer());
        assertThat(after).as("plaintext of the erased participant's data or words, where it was found").isEmpty();
    }

    // --------------------------------------------------------------------------------------------- the search

    /** Every document of every collection of every database of the store, as extended JSON. */
    private static List<String> searchTheStore(Map<String, String> wanted) {
        List<String> found = new ArrayList<>();
        JsonWriterSettings relaxed = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();
        try (MongoClient client = MongoClients.create(store.uri())) {
            for (String databaseName : client.listDatabaseNames()) {
                MongoDatabase database = client.getDatabase(databaseName);
                for (String collection : database.listCollectionNames()) {
                    for (Document document : database.getCollection(collection).find()) {
                        String text = document.toJson(relaxed);
                        wanted.forEach((what, value) -> {
                            if (text.contains(value)) {
                                found.add(what + " in " + databaseName + "." + collection + " " + document.get("_id"));
                            }
                        });
                    }
                }
            }
        }
        return found;
    }

    /** Every GET of both committed OpenAPI documents, as an admin, path variables filled with this story's ids. */
    private static List<String> searchEveryAnswer() throws Exception {
        Map<String, String> ids = Map.ofEntries(Map.entry("participantId", PERSON), Map.entry("agendaId", AGENDA),
                Map.entry("sessionId", AGENDA), Map.entry("consultationId", "c-erasure"),
                Map.entry("conversationId", PROPOSAL), Map.entry("proposalId", PROPOSAL),
                Map.entry("reportId", "rep-erasure"), Map.entry("sectionId", "s-siblings"),
                Map.entry("keyPointId", "k-marigold"), Map.entry("readModel", "agenda"), Map.entry("id", PERSON),
                Map.entry("version", "1"), Map.entry("key", "account:admin"));
        List<String> found = new ArrayList<>();
        for (String[] service : new String[][]{{"command-side", base(commandSide)}, {"query-side", base(querySide)}}) {
            JsonNode document = JSON.readTree(Files.readString(openApi(service[0])));
            for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
                Map.Entry<String, JsonNode> path = paths.next();
                if (!path.getValue().has("get")) {
                    continue;
                }
                String concrete = fill(path.getKey(), ids);
                for (String query : new String[]{"", "?agendaId=" + AGENDA, "?participantId=" + PERSON}) {
                    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(service[1] + concrete
                                    + query)).header("Authorization", SignIn.bearer(service[1], "admin"))
                            .header("Accept", "application/json, text/csv, application/problem+json").GET().build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(answer.statusCode()).as(service[0] + " GET " + concrete + query).isLessThan(500);
                    THEIR_DATA.forEach((what, value) -> {
                        if (answer.body().contains(value)) {
                            found.add(what + " in " + service[0] + " GET " + concrete + query);
                        }
                    });
                }
            }
        }
        return found;
    }

    private static String fill(String template, Map<String, String> ids) {
        Matcher variable = Pattern.compile("\\{([^}]+)}").matcher(template);
        StringBuilder concrete = new StringBuilder();
        while (variable.find()) {
            String value = ids.getOrDefault(variable.group(1), "unknown");
            variable.appendReplacement(concrete, Matcher.quoteReplacement(
                    URLEncoder.encode(value, StandardCharsets.UTF_8)));
        }
        return variable.appendTail(concrete).toString();
    }

    private static Path openApi(String service) {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            Path candidate = directory.resolve("docs/openapi/" + service + ".json");
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("docs/openapi/" + service + ".json not found above the working directory");
    }

    // ---------------------------------------------------------------------------------------------- the story

    private static void recordEverythingTheyGave() throws Exception {
        post("facilitator", "/api/consultations", """
                {"consultationId": "c-erasure", "title": "Erasure check", "bigQuestion": "What should stay?",
                 "occurredAt": "%s08:00:00Z"}""".formatted(DAY));
        post("facilitator", "/api/consultations/c-erasure/sessions", """
                {"sessionId": "%s", "kind": "open-space", "title": "Open Space", "startsAt": "%s09:00:00Z",
                 "endsAt": "%s15:00:00Z", "occurredAt": "%s08:05:00Z"}""".formatted(AGENDA, DAY, DAY, DAY));
        post("facilitator", "/api/consultations/c-erasure/sessions", """
                {"sessionId": "cfi-erasure", "kind": "call-for-ideas", "title": "Call for Ideas",
                 "startsAt": "%s09:00:00Z", "endsAt": "%s18:00:00Z", "occurredAt": "%s08:06:00Z"}"""
                .formatted(DAY, DAY, DAY));
        post("facilitator", "/api/participants", """
                {"participantId": "%s", "consultationId": "c-erasure", "pseudonym": "Marigold",
                 "stakeholderGroupIds": ["care-experienced-young-people"], "ageBand": "AGED_18_TO_25",
                 "name": "%s", "contact": "%s", "selfDescription": "%s",
                 "consents": ["TAKE_PART", "BE_QUOTED"], "occurredAt": "%s08:30:00Z"}"""
                .formatted(PERSON, THEIR_DATA.get("name"), THEIR_DATA.get("contact"),
                        THEIR_DATA.get("self-description"), DAY));
        post("facilitator", "/api/participants", """
                {"participantId": "%s", "consultationId": "c-erasure", "pseudonym": "Host",
                 "stakeholderGroupIds": ["foster-carers"], "ageBand": "AGED_26_AND_OVER", "name": "A host",
                 "consents": ["TAKE_PART"], "occurredAt": "%s08:31:00Z"}""".formatted(HOST, DAY));
        String agenda = "/api/agendas/" + AGENDA;
        post("facilitator", agenda + "/framing-question", """
                {"question": "What would make care better?", "occurredAt": "%s09:05:00Z"}""".formatted(DAY));
        put("facilitator", agenda + "/grid", """
                {"rounds": [{"round": 1, "startsAt": "%1$s10:00:00Z", "endsAt": "%1$s10:45:00Z"}],
                 "rooms": ["Room 1"], "occurredAt": "%1$s09:06:00Z"}""".formatted(DAY));
        post("facilitator", agenda + "/proposals", """
                {"proposalId": "%s", "proposerId": "%s", "question": "%s", "pitch": "%s",
                 "occurredAt": "%s09:10:00Z"}""".formatted(PROPOSAL, PERSON, THEIR_DATA.get("proposal question"),
                THEIR_DATA.get("pitch"), DAY));
        post("facilitator", agenda + "/schedule", """
                {"proposalId": "%s", "round": 1, "room": "Room 1", "occurredAt": "%s09:40:00Z"}"""
                .formatted(PROPOSAL, DAY));
        post("facilitator", agenda + "/rounds/1/open", "{\"occurredAt\": \"" + DAY + "10:00:00Z\"}");
        String conversation = "/api/conversations/" + PROPOSAL;
        post("facilitator", conversation + "/start", """
                {"hostId": "%s", "occurredAt": "%s10:01:00Z"}""".formatted(PERSON, DAY));
        post("notetaker", conversation + "/participants", """
                {"participantId": "%s", "occurredAt": "%s10:02:00Z"}""".formatted(HOST, DAY));
        post("notetaker", conversation + "/key-points", """
                {"keyPointId": "k-marigold", "kind": "PROBLEM", "text": "%s", "verbatim": true,
                 "attributedTo": "%s", "occurredAt": "%s10:10:00Z"}"""
                .formatted(THEIR_DATA.get("key point"), PERSON, DAY));
        post("notetaker", conversation + "/key-points/k-marigold/edits", """
                {"text": "%s", "reason": "Said again more fully", "occurredAt": "%s10:20:00Z"}"""
                .formatted(THEIR_DATA.get("edited key point"), DAY));
        post("facilitator", agenda + "/rounds/1/close", "{\"occurredAt\": \"" + DAY + "10:45:00Z\"}");
        post("notetaker", conversation + "/plenary-contributions", """
                {"contributionId": "pc-marigold", "contributorId": "%s", "text": "%s",
                 "occurredAt": "%s14:00:00Z"}""".formatted(PERSON, THEIR_DATA.get("plenary contribution"), DAY));
        post("facilitator", "/api/consultations/c-erasure/ideas", """
                {"ideaId": "i-marigold", "sessionId": "%s", "stakeholderGroupId": "care-experienced-young-people",
                 "participantId": "%s", "text": "%s", "occurredAt": "%s14:30:00Z"}"""
                .formatted("cfi-erasure", PERSON, THEIR_DATA.get("idea"), DAY));
        post("facilitator", "/api/reports", """
                {"reportId": "rep-erasure", "consultationId": "c-erasure", "title": "What we heard",
                 "occurredAt": "%s16:00:00Z"}""".formatted(DAY));
        post("facilitator", "/api/reports/rep-erasure/sections", """
                {"sectionId": "s-siblings", "position": 1, "heading": "Brothers and sisters",
                 "text": "Young people asked to stay with their siblings.",
                 "citations": [{"kind": "QUOTE", "targetId": "k-marigold"}], "occurredAt": "%s16:10:00Z"}"""
                .formatted(DAY));
        post("facilitator", "/api/reports/rep-erasure/publications", """
                {"changeNote": "First version", "occurredAt": "%s16:30:00Z"}""".formatted(DAY));
    }

    private static void post(String user, String path, String body) throws Exception {
        send(user, HttpRequest.newBuilder(URI.create(base(commandSide) + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static void put(String user, String path, String body) throws Exception {
        send(user, HttpRequest.newBuilder(URI.create(base(commandSide) + path))
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static void send(String user, HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.header("Content-Type", "application/json")
                .header("Authorization", SignIn.bearer(base(commandSide), user)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s: %s", request.build().uri(), response.body()).isBetween(200, 201);
    }

    private static void awaitQuerySide(String path, java.util.function.Predicate<String> shows) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        String body = "";
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base(querySide) + path))
                    .header("Authorization", SignIn.bearer(base(querySide), "admin")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            body = response.body();
            if (response.statusCode() == 200 && shows.test(body)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the query side never showed what was expected at " + path + ": " + body);
    }

    private static String base(ConfigurableApplicationContext service) {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) service).getWebServer().getPort();
    }
}
