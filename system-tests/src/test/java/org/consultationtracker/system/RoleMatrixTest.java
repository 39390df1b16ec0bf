package org.consultationtracker.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.consultationtracker.command.CommandSideApplication;
import org.consultationtracker.eventstore.embedded.EmbeddedMongoStore;
import org.consultationtracker.query.QuerySideApplication;
import org.consultationtracker.system.AccessMatrix.Row;
import org.consultationtracker.system.fuzz.ContractDocument;
import org.consultationtracker.system.fuzz.ContractDocument.Operation;
import org.consultationtracker.system.fuzz.ServiceClient;
import org.consultationtracker.system.fuzz.ServiceClient.Response;
import org.consultationtracker.system.fuzz.Variant;
import org.consultationtracker.system.fuzz.World;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The role matrix: every operation of both committed OpenAPI documents (and the endpoints outside them: sign-in,
 * health, the API description, static pages), sent as each of seven identities — no credentials, ADMIN, FACILITATOR,
 * NOTE_TAKER, REVIEWER, a PARTICIPANT acting for itself and a PARTICIPANT acting for somebody else — to both services
 * running on real Tomcat over one in-memory store, and held against the declared table, docs/access-matrix.md.
 * <p>
 * What counts is the class of the answer: 401, 403, or past security (anything else below 500). Bodies are the fuzz
 * world's baseline bodies (valid, naming things that exist), so an "only for themselves" check in a controller is
 * reached; a participant acting for itself names {@code dev-participant} in the path and in every body field naming a
 * participant, one acting for somebody else names another registered participant. Writes change the world, so the
 * operations that destroy (erasure, retraction) run last; a write answered 409 or 422 still got past security, which
 * is all this test asks. The observed matrix is printed and written to target/role-matrix.txt.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RoleMatrixTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String SELF = "dev-participant";
    private static final String OTHER = World.participant(2);
    private static final String OWN_KEY_POINT = "rm-kp-own";
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}]+)}");
    private static final Path REPORT = Path.of("target", "role-matrix.txt");

    /** The seven identities; {@code column} is the table's column, {@code user} the development user (or none). */
    enum Identity {
        NONE("none", null), REVIEWER("REVIEWER", "reviewer"), NOTE_TAKER("NOTE_TAKER", "notetaker"),
        PARTICIPANT_OTHER("PARTICIPANT", "participant"), PARTICIPANT_SELF("PARTICIPANT", "participant"),
        FACILITATOR("FACILITATOR", "facilitator"), ADMIN("ADMIN", "admin");

        final String column;
        final String user;

        Identity(String column, String user) {
            this.column = column;
            this.user = user;
        }

        String label() {
            return switch (this) {
                case PARTICIPANT_SELF -> "PART(self)";
                case PARTICIPANT_OTHER -> "PART(other)";
                default -> column;
            };
        }

        /** What the table's value means for this identity: allow, 401 or 403. */
        String expected(String value) {
            if (value.equals("own")) {
                return this == PARTICIPANT_SELF ? "allow" : "403";
            }
            return value;
        }
    }

    /** Body fields naming the participant somebody acts for. */
    private static final Set<String> PARTICIPANT_FIELDS = Set.of("participantId", "proposerId", "hostId",
            "attributedTo", "contributorId", "presentedBy");

    /** Path values for the whole matrix; participant and key point depend on who acts (see {@link #pathValue}). */
    private static final Map<String, String> PATH_VALUES = Map.ofEntries(
            Map.entry("consultationId", World.CONSULTATION), Map.entry("agendaId", World.AGENDA),
            Map.entry("conversationId", World.proposal(1)), Map.entry("reportId", World.REPORT),
            Map.entry("proposalId", World.proposal(6)), Map.entry("sectionId", World.SECTION),
            Map.entry("round", "2"), Map.entry("id", "rm-unknown"), Map.entry("readModel", "agenda"),
            Map.entry("key", "account:nobody"), Map.entry("version", "1"),
            Map.entry("mergedProposalId", "rm-unknown-merge"), Map.entry("sentence", "1"),
            Map.entry("sessionId", World.AGENDA), Map.entry("feedbackId", "fb-unknown"));

    /**
     * Sign-in gets {@code {}}: a 400 shows it is open, where made-up credentials would be a 401 (and count towards a
     * lockout).
     */
    private static final Set<String> SIGN_IN = Set.of("/api/tokens", "/api/session");

    /** Sent last, in this order: they take away what other operations act on. */
    private static final List<String> LAST = List.of("/retractions", "/withdrawal", "/erasure");

    private static EmbeddedMongoStore store;
    private static ConfigurableApplicationContext commandSide;
    private static ConfigurableApplicationContext querySide;
    private static Map<String, ServiceClient> clients;
    private static Map<String, String> bases;
    private static Map<String, ContractDocument> documents;
    private static Map<String, World> worlds;
    private static AccessMatrix matrix;

    @BeforeAll
    static void startBothServicesAndSetUpTheWorld() {
        store = EmbeddedMongoStore.startInMemory();
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
                "--consultation.store.mongodb-uri=" + store.uri(), "--consultation.store.fetch-delay=50ms",
                "--consultation.keys.master-key=" + SharedMasterKey.BASE64,
                "--logging.level.org.consultationtracker.command.api.ApiProblems=OFF"));
        arguments.addAll(users());
        commandSide = CommandSideApplication.builder().run(arguments.toArray(String[]::new));
        querySide = QuerySideApplication.builder().run(arguments.toArray(String[]::new));
        clients = Map.of("command", new ServiceClient(port(commandSide), "admin"),
                "query", new ServiceClient(port(querySide), "admin"));
        bases = Map.of("command", "http://127.0.0.1:" + port(commandSide),
                "query", "http://127.0.0.1:" + port(querySide));
        documents = Map.of("command", ContractDocument.committed(ContractDocument.FILE),
                "query", ContractDocument.committed(ContractDocument.QUERY_FILE));
        worlds = Map.of("command", new World(documents.get("command")), "query", new World(documents.get("query")));
        matrix = AccessMatrix.committed();
        ServiceClient commands = clients.get("command");
        World.setUp(commands);
        // The participant account's own participant, and a key point it recorded itself (for "edit only your own").
        succeed(commands, "admin", "POST", "/api/participants", """
                {"participantId": "%s", "consultationId": "%s", "pseudonym": "Dev", "stakeholderGroupIds":
                 ["fz-group-1"], "ageBand": "AGED_26_AND_OVER", "name": "Dev Participant",
                 "consents": ["TAKE_PART", "BE_QUOTED"]}""".formatted(SELF, World.CONSULTATION));
        succeed(commands, "participant", "POST", "/api/conversations/" + World.proposal(1) + "/participants", """
                {"participantId": "%s", "occurredAt": "2021-06-12T10:03:00Z"}""".formatted(SELF));
        succeed(commands, "participant", "POST", "/api/conversations/" + World.proposal(1) + "/key-points", """
                {"keyPointId": "%s", "kind": "OBSERVATION", "text": "My own point", "attributedTo": "%s",
                 "occurredAt": "2021-06-12T10:11:00Z"}""".formatted(OWN_KEY_POINT, SELF));
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
    void everyOperationOfTheCommittedDocumentsHasExactlyOneRuleAndEveryRuleAnOperation() {
        List<String> problems = new ArrayList<>();
        Set<String> ruled = new LinkedHashSet<>();
        for (Row row : matrix.rows()) {
            if (!ruled.add(row.service() + " " + row.method() + " " + row.path())) {
                problems.add("line " + row.line() + ": a second row for " + row.name());
            }
        }
        Set<String> operations = new LinkedHashSet<>();
        documents.forEach((service, document) -> document.allOperations()
                .forEach(operation -> operations.add(service + " " + operation.name())));
        for (String operation : operations) {
            Row row = row(operation);
            if (row == null) {
                problems.add(operation + " (in " + file(operation) + ") has no rule in " + AccessMatrix.FILE
                        + ": add a row for it");
            } else if (!row.inDocument()) {
                problems.add(operation + " is in " + file(operation) + " now: move its row (line " + row.line()
                        + ") up to the table of documented endpoints");
            }
        }
        for (Row row : matrix.rows()) {
            if (row.inDocument() && !operations.contains(row.name())) {
                problems.add("line " + row.line() + ": " + row.name() + " matches no operation of "
                        + file(row.name()) + " (a removed or renamed endpoint, or a typo)");
            }
        }
        System.out.println("Operations in the committed documents: " + operations.size() + ", rules: "
                + matrix.rows().size());
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }

    @Test
    @Order(2)
    void everyIdentityIsAnsweredAsTheTableSaysAndNeverWithAServerError() {
        Instant started = Instant.now();
        List<Row> rows = new ArrayList<>(matrix.rows());
        rows.sort(Comparator.comparingInt(RoleMatrixTest::lateness)); // stable: the table's order otherwise
        List<String> failures = new ArrayList<>();
        Map<Row, Map<Identity, Response>> observed = new LinkedHashMap<>();
        for (Row row : rows) {
            Map<Identity, Response> answers = new LinkedHashMap<>();
            for (Identity identity : Identity.values()) {
                Response response = send(row, identity);
                answers.put(identity, response);
                String expected = identity.expected(row.value(identity.column));
                String got = classOf(response);
                if (response.status() >= 500 || response.status() == 0) {
                    failures.add(row.name() + " as " + identity.label() + ": " + response.status()
                            + (response.failure() != null ? " " + response.failure() : "") + " "
                            + abbreviated(response.body()));
                } else if (!got.equals(expected)) {
                    failures.add(row.name() + " as " + identity.label() + ": expected " + expected + ", got "
                            + response.status() + " " + abbreviated(response.body()));
                }
            }
            observed.put(row, answers);
        }
        String report = render(observed, matrix.rows());
        System.out.println(report);
        System.out.printf("Role matrix: %d rows x %d identities in %.1f s%n", rows.size(), Identity.values().length,
                Duration.between(started, Instant.now()).toMillis() / 1000.0);
        try {
            Files.createDirectories(REPORT.toAbsolutePath().getParent());
            Files.writeString(REPORT, report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(failures).as(failures.size() + " cells differ from " + AccessMatrix.FILE + ":\n  "
                + String.join("\n  ", failures)).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------------ sending

    private static Response send(Row row, Identity identity) {
        ServiceClient client = clients.get(row.service());
        Map<String, String> headers = new HashMap<>();
        headers.put("Authorization", identity.user == null ? null : client.authorization(identity.user));
        headers.put("Accept", "application/json, text/csv, text/html, */*");
        String path = path(row, identity);
        byte[] body = body(row, identity);
        Response response = client.send(row.method(), path, headers, body, false);
        if (row.method().equals("DELETE") && row.path().equals("/api/session")) {
            SignIn.forget(bases.get(row.service())); // that token is signed out: sign in again for the next cell
        }
        return response;
    }

    private static String path(Row row, Identity identity) {
        Matcher variable = PATH_VARIABLE.matcher(row.path());
        StringBuilder path = new StringBuilder();
        while (variable.find()) {
            variable.appendReplacement(path, Matcher.quoteReplacement(pathValue(variable.group(1), identity, row)));
        }
        return variable.appendTail(path).toString();
    }

    private static String pathValue(String variable, Identity identity, Row row) {
        return switch (variable) {
            case "participantId" -> identity == Identity.PARTICIPANT_SELF ? SELF : OTHER;
            case "keyPointId" -> identity == Identity.PARTICIPANT_SELF ? OWN_KEY_POINT : World.KEY_POINT;
            default -> {
                String value = PATH_VALUES.get(variable);
                if (value == null) {
                    throw new IllegalStateException("no value for path variable {" + variable + "} of " + row.name()
                            + ": add one to RoleMatrixTest.PATH_VALUES");
                }
                yield value;
            }
        };
    }

    /** The world's baseline body, participant fields naming whom the identity acts for; {} for sign-in and the rest. */
    private static byte[] body(Row row, Identity identity) {
        Operation operation = operation(row);
        if (operation == null || !operation.hasBody() || SIGN_IN.contains(row.path())) {
            return row.method().equals("POST") || row.method().equals("PUT") ? Variant.utf8("{}") : null;
        }
        ObjectNode body = worlds.get(row.service()).baseline(operation.bodySchema());
        if (identity == Identity.PARTICIPANT_SELF || identity == Identity.PARTICIPANT_OTHER) {
            String actingFor = identity == Identity.PARTICIPANT_SELF ? SELF : OTHER;
            for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (PARTICIPANT_FIELDS.contains(name)) {
                    body.put(name, actingFor);
                }
            }
            if (body.has("agreedBy")) {
                ArrayNode agreedBy = NODES.arrayNode().add(actingFor);
                body.set("agreedBy", agreedBy);
            }
        }
        return Variant.utf8(body.toString());
    }

    private static Operation operation(Row row) {
        if (!row.inDocument()) {
            return null;
        }
        return documents.get(row.service()).allOperations().stream()
                .filter(operation -> operation.name().equals(row.method() + " " + row.path()))
                .findFirst().orElse(null);
    }

    private static int lateness(Row row) {
        for (int i = 0; i < LAST.size(); i++) {
            if (row.path().endsWith(LAST.get(i))) {
                return i + 1;
            }
        }
        return row.method().equals("DELETE") && row.path().equals("/api/session") ? LAST.size() + 1 : 0;
    }

    private static String classOf(Response response) {
        return switch (response.status()) {
            case 401 -> "401";
            case 403 -> "403";
            default -> "allow";
        };
    }

    // ------------------------------------------------------------------------------------------------------ helpers

    private static String render(Map<Row, Map<Identity, Response>> observed, List<Row> order) {
        int width = order.stream().mapToInt(row -> row.name().length()).max().orElse(40);
        StringBuilder text = new StringBuilder("Role matrix (observed status; * marks a cell that differs from "
                + AccessMatrix.FILE + ")\n");
        text.append(String.format("%-" + width + "s", "endpoint"));
        for (Identity identity : Identity.values()) {
            text.append(String.format(" %11s", identity.label()));
        }
        text.append('\n');
        for (Row row : order) {
            Map<Identity, Response> answers = observed.get(row);
            text.append(String.format("%-" + width + "s", row.name()));
            for (Identity identity : Identity.values()) {
                Response response = answers.get(identity);
                boolean differs = response.status() >= 500 || response.status() == 0
                        || !classOf(response).equals(identity.expected(row.value(identity.column)));
                text.append(String.format(" %11s", response.status() + (differs ? "*" : "")));
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static Row row(String name) {
        return matrix.rows().stream().filter(row -> row.name().equals(name)).findFirst().orElse(null);
    }

    private static String file(String name) {
        return name.startsWith("command ") ? ContractDocument.FILE : ContractDocument.QUERY_FILE;
    }

    private static void succeed(ServiceClient client, String user, String method, String path, String body) {
        Response response = client.json(method, path, body, user);
        if (response.status() < 200 || response.status() >= 300) {
            throw new IllegalStateException("setting the world up failed: " + user + " " + method + " " + path
                    + " -> " + response.status() + " " + response.body() + " " + response.failure());
        }
    }

    private static String abbreviated(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    /** The development users with BCrypt cost 4, as in {@link ApiFuzzTest}. */
    private static List<String> users() {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        List<String> arguments = new ArrayList<>();
        String[][] users = {{"admin", "ADMIN"}, {"facilitator", "FACILITATOR"}, {"notetaker", "NOTE_TAKER"},
                {"reviewer", "REVIEWER"}, {"participant", "PARTICIPANT"}};
        for (int i = 0; i < users.length; i++) {
            String prefix = "--consultation.security.users[" + i + "].";
            arguments.add(prefix + "username=" + users[i][0]);
            arguments.add(prefix + "password-hash=" + bcrypt.encode(users[i][0] + "-dev"));
            arguments.add(prefix + "roles=" + users[i][1]);
        }
        arguments.add("--consultation.security.users[4].participant-id=" + SELF);
        return arguments;
    }

    private static int port(ConfigurableApplicationContext service) {
        return ((WebServerApplicationContext) service).getWebServer().getPort();
    }
}
