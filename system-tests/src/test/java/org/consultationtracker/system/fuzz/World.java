package org.consultationtracker.system.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.consultationtracker.system.fuzz.ContractDocument.Operation;
import org.consultationtracker.system.fuzz.ServiceClient.Response;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small consultation set up through the API before the fuzzing, so that every write operation has a body that the
 * contract accepts and a path naming things that exist: a consultation with two stakeholder groups, an Open Space
 * session whose agenda has a framing question and a grid of two rounds by three rooms, a call for ideas with an idea,
 * six participants, six proposals of which three are scheduled, round 1 open with two conversations started, one
 * attendee, two key points, and a report with a theme, a tag and a section.
 * <p>
 * Baseline bodies are made from the request schemas: every property is present, with the value this world gives to
 * a property of that name, or else a value the schema allows.
 */
public final class World {

    public static final String CONSULTATION = "fz-consultation";
    public static final String AGENDA = "fz-open-space";
    public static final String IDEAS_SESSION = "fz-call-for-ideas";
    public static final String REPORT = "fz-report";
    public static final String THEME = "fz-theme";
    public static final String SECTION = "fz-section";
    public static final String KEY_POINT = "fz-kp-1";
    public static final String IDEA = "fz-idea";
    public static final String START = "2021-06-12T10:00:00Z";
    public static final String END = "2021-06-12T10:45:00Z";
    public static final String OCCURRED = "2021-06-12T10:30:00Z";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Ids of existing aggregates, per kind: what the wrong-kind variants put in a path. */
    public static final Map<String, String> AGGREGATES = Map.of(
            "consultation", CONSULTATION, "agenda", AGENDA, "conversation", proposal(1),
            "participant", participant(1), "report", REPORT, "idea", IDEA);

    /** The kind of aggregate a path variable names; the others name something inside one. */
    public static final Map<String, String> PATH_VARIABLE_KINDS = Map.of(
            "consultationId", "consultation", "agendaId", "agenda", "conversationId", "conversation",
            "participantId", "participant", "reportId", "report");

    /** A path variable naming something inside an aggregate that shares its id with an aggregate of a kind. */
    public static final Map<String, String> SHARED_IDS = Map.of("proposalId", "conversation",
                                                                 // an Open Space session's agenda has its id
                                                                 "sessionId", "agenda");

    private static final Map<String, String> PATH_VALUES = Map.ofEntries(
            Map.entry("consultationId", CONSULTATION), Map.entry("agendaId", AGENDA),
            Map.entry("conversationId", proposal(1)), Map.entry("participantId", participant(2)),
            Map.entry("reportId", REPORT), Map.entry("proposalId", proposal(6)), Map.entry("keyPointId", KEY_POINT),
            Map.entry("sectionId", SECTION), Map.entry("round", "2"), Map.entry("mergedProposalId", "fz-merged"),
            // the Open Space session, whose agenda shares its id: feedback is given on it
            Map.entry("sessionId", AGENDA));

    private final ContractDocument document;
    private final Map<String, JsonNode> values = new LinkedHashMap<>();

    public World(ContractDocument document) {
        this.document = document;
        value("consultationId", CONSULTATION);
        value("sessionId", IDEAS_SESSION);
        value("groupId", "fz-group-3");
        value("stakeholderGroupId", "fz-group-1");
        values.put("stakeholderGroupIds", ids("fz-group-1"));
        value("participantId", participant(3));
        value("proposerId", participant(1));
        value("hostId", participant(1));
        values.put("hostIds", ids(participant(1)));
        value("attributedTo", participant(3));
        value("contributorId", participant(3));
        value("presentedBy", participant(1));
        value("proposalId", proposal(4));
        value("mergedProposalId", "fz-merged");
        values.put("sourceProposalIds", ids(proposal(5), proposal(6)));
        values.put("agreedBy", ids(participant(5), participant(1)));
        value("resembledProposalId", proposal(2));
        value("conversationId", proposal(3));
        value("keyPointId", KEY_POINT);
        value("themeId", THEME);
        value("reportId", REPORT);
        value("sectionId", SECTION);
        values.put("citedKeyPointIds", ids(KEY_POINT));
        value("targetId", KEY_POINT);
        values.put("round", NODES.numberNode(2));
        values.put("position", NODES.numberNode(1));
        values.put("announcedConversations", NODES.numberNode(3));
        values.put("announcedPerRound", NODES.arrayNode().add(2).add(1));
        value("room", "Room B");
        values.put("rooms", NODES.arrayNode().add("Room A").add("Room B").add("Room C"));
        values.put("consents", NODES.arrayNode().add("TAKE_PART"));
        value("startsAt", START);
        value("endsAt", END);
        value("occurredAt", OCCURRED);
        // Staff erase on a participant's request, and say where it is recorded (a participant account asks itself).
        value("requestedBy", "ON_THEIR_BEHALF");
        value("requestReference", "letter of 12 June 2021, case 42");
        values.put("granted", NODES.booleanNode(true));
        values.put("verbatim", NODES.booleanNode(true));
    }

    public static String participant(int n) {
        return "fz-p" + n;
    }

    public static String proposal(int n) {
        return "fz-pr" + n;
    }

    private void value(String name, String value) {
        values.put(name, NODES.textNode(value));
    }

    private static ArrayNode ids(String... ids) {
        ArrayNode array = NODES.arrayNode();
        for (String id : ids) {
            array.add(id);
        }
        return array;
    }

    /** The operation's path with this world's values in its variables, and one variable replaced (raw). */
    public String path(Operation operation, String variable, String rawValue) {
        String path = operation.path();
        for (ContractDocument.PathVariable v : operation.pathVariables()) {
            String value = v.name().equals(variable) ? rawValue : PATH_VALUES.get(v.name());
            if (value == null) {
                throw new IllegalStateException("the world has no value for path variable " + v.name()
                        + " of " + operation.name());
            }
            path = path.replace("{" + v.name() + "}", value);
        }
        return path;
    }

    public String path(Operation operation) {
        return path(operation, null, null);
    }

    /** A body with every property of the schema. */
    public ObjectNode baseline(JsonNode schema) {
        JsonNode resolved = document.resolve(schema);
        ObjectNode body = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> properties = resolved.path("properties").fields();
             properties.hasNext(); ) {
            Map.Entry<String, JsonNode> property = properties.next();
            body.set(property.getKey(), value(property.getKey(), document.resolve(property.getValue())));
        }
        return body;
    }

    /** A value the schema allows for a property of that name, this world's own where it has one. */
    public JsonNode value(String name, JsonNode schema) {
        JsonNode known = values.get(name);
        if (known != null && !(schema.has("enum") && !containsText(schema.get("enum"), known))) {
            return known.deepCopy();
        }
        String type = schema.path("type").asText("object");
        switch (type) {
            case "string" -> {
                if (schema.has("enum")) {
                    return schema.get("enum").get(0).deepCopy();
                }
                if ("date-time".equals(schema.path("format").asText())) {
                    return NODES.textNode(OCCURRED);
                }
                if (schema.has("pattern")) {
                    return NODES.textNode("fz-" + name.replaceAll("[^A-Za-z0-9]", "").toLowerCase());
                }
                String text = "Fuzz " + name;
                return NODES.textNode(text.substring(0, Math.min(text.length(), schema.path("maxLength").asInt(100))));
            }
            case "integer", "number" -> {
                return NODES.numberNode(schema.has("minimum") ? Math.max(1, schema.get("minimum").asInt()) : 1);
            }
            case "boolean" -> {
                return NODES.booleanNode(true);
            }
            case "array" -> {
                return NODES.arrayNode().add(value(name, document.resolve(schema.path("items"))));
            }
            default -> {
                return baseline(schema);
            }
        }
    }

    private static boolean containsText(JsonNode array, JsonNode value) {
        for (JsonNode element : array) {
            if (element.equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** The requests that set the world up; each must succeed. */
    public static List<String[]> setUpRequests() {
        List<String[]> requests = new ArrayList<>();
        requests.add(post("/api/consultations", """
                {"consultationId": "%s", "title": "Fuzzing the contract", "bigQuestion": "Does the edge hold?",
                 "stakeholderGroups": [{"groupId": "fz-group-1", "name": "Group one"},
                                       {"groupId": "fz-group-2", "name": "Group two"}]}""".formatted(CONSULTATION)));
        requests.add(post("/api/consultations/" + CONSULTATION + "/sessions", """
                {"sessionId": "%s", "kind": "open-space", "title": "Open Space",
                 "startsAt": "2021-06-12T09:00:00Z", "endsAt": "2021-06-12T17:00:00Z"}""".formatted(AGENDA)));
        requests.add(post("/api/consultations/" + CONSULTATION + "/sessions", """
                {"sessionId": "%s", "kind": "call-for-ideas", "title": "Call for ideas",
                 "startsAt": "2021-05-01T09:00:00Z", "endsAt": "2021-06-30T17:00:00Z"}""".formatted(IDEAS_SESSION)));
        for (int n = 1; n <= 6; n++) {
            requests.add(post("/api/participants", """
                    {"participantId": "%s", "consultationId": "%s", "pseudonym": "P%d",
                     "stakeholderGroupIds": ["fz-group-%d"], "ageBand": "AGED_26_AND_OVER", "name": "Name %d",
                     "consents": ["TAKE_PART", "BE_QUOTED"]}"""
                    .formatted(participant(n), CONSULTATION, n, n % 2 + 1, n)));
        }
        requests.add(post("/api/agendas/" + AGENDA + "/framing-question", """
                {"question": "What one conversation could change things?"}"""));
        requests.add(new String[]{"PUT", "/api/agendas/" + AGENDA + "/grid", """
                {"rounds": [{"round": 1, "startsAt": "2021-06-12T10:00:00Z", "endsAt": "2021-06-12T10:45:00Z"},
                            {"round": 2, "startsAt": "2021-06-12T11:00:00Z", "endsAt": "2021-06-12T11:45:00Z"}],
                 "rooms": ["Room A", "Room B", "Room C"]}"""});
        for (int n = 1; n <= 6; n++) {
            requests.add(post("/api/agendas/" + AGENDA + "/proposals", """
                    {"proposalId": "%s", "proposerId": "%s", "question": "Question %d?"}"""
                    .formatted(proposal(n), participant(n == 6 ? 1 : n), n)));
        }
        requests.add(post("/api/agendas/" + AGENDA + "/schedule", """
                {"proposalId": "%s", "round": 1, "room": "Room A"}""".formatted(proposal(1))));
        requests.add(post("/api/agendas/" + AGENDA + "/schedule", """
                {"proposalId": "%s", "round": 1, "room": "Room B"}""".formatted(proposal(2))));
        requests.add(post("/api/agendas/" + AGENDA + "/schedule", """
                {"proposalId": "%s", "round": 2, "room": "Room A"}""".formatted(proposal(3))));
        requests.add(post("/api/agendas/" + AGENDA + "/rounds/1/open", """
                {"occurredAt": "2021-06-12T10:00:00Z"}"""));
        requests.add(post("/api/conversations/" + proposal(1) + "/start", """
                {"hostId": "%s", "occurredAt": "2021-06-12T10:01:00Z"}""".formatted(participant(1))));
        requests.add(post("/api/conversations/" + proposal(2) + "/start", """
                {"hostId": "%s", "occurredAt": "2021-06-12T10:01:00Z"}""".formatted(participant(2))));
        requests.add(post("/api/conversations/" + proposal(1) + "/participants", """
                {"participantId": "%s", "occurredAt": "2021-06-12T10:02:00Z"}""".formatted(participant(3))));
        requests.add(post("/api/conversations/" + proposal(1) + "/key-points", """
                {"keyPointId": "%s", "kind": "PROBLEM", "text": "Caseloads are too high", "verbatim": true,
                 "attributedTo": "%s", "occurredAt": "2021-06-12T10:10:00Z"}""".formatted(KEY_POINT, participant(3))));
        requests.add(post("/api/conversations/" + proposal(1) + "/key-points", """
                {"keyPointId": "fz-kp-2", "kind": "SOLUTION", "text": "Share the load",
                 "occurredAt": "2021-06-12T10:12:00Z"}"""));
        requests.add(post("/api/consultations/" + CONSULTATION + "/ideas", """
                {"ideaId": "%s", "sessionId": "%s", "stakeholderGroupId": "fz-group-1", "text": "An idea"}"""
                .formatted(IDEA, IDEAS_SESSION)));
        requests.add(post("/api/reports", """
                {"reportId": "%s", "consultationId": "%s", "title": "What we heard"}""".formatted(REPORT, CONSULTATION)));
        requests.add(post("/api/reports/" + REPORT + "/themes", """
                {"themeId": "%s", "name": "Workloads"}""".formatted(THEME)));
        requests.add(post("/api/reports/" + REPORT + "/tags", """
                {"themeId": "%s", "keyPointId": "%s"}""".formatted(THEME, KEY_POINT)));
        requests.add(post("/api/reports/" + REPORT + "/sections", """
                {"sectionId": "%s", "position": 1, "heading": "Workloads", "text": "Workloads came up.",
                 "citations": [{"kind": "KEY_POINT", "targetId": "%s"}]}""".formatted(SECTION, KEY_POINT)));
        return requests;
    }

    private static String[] post(String path, String body) {
        return new String[]{"POST", path, body};
    }

    /** Sets the world up through the API; fails on the first request that does not succeed. */
    public static void setUp(ServiceClient client) {
        for (String[] request : setUpRequests()) {
            Response response = client.json(request[0], request[1], request[2], "admin");
            if (response.status() < 200 || response.status() >= 300) {
                throw new IllegalStateException("setting the world up failed: " + request[0] + " " + request[1]
                        + " -> " + response.status() + " " + response.body() + " " + response.failure());
            }
        }
    }
}
