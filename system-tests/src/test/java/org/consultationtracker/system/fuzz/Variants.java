package org.consultationtracker.system.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.consultationtracker.system.fuzz.ContractDocument.Field;
import org.consultationtracker.system.fuzz.ContractDocument.Operation;
import org.consultationtracker.system.fuzz.ContractDocument.PathVariable;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;
import java.util.Map;
import java.util.Set;

/**
 * The malformed variants of every write operation, made from its schema: of every field (wrong JSON types, bounds,
 * times at the edges, broken Unicode, operator objects, numbers out of range, duplicate keys), of the body as a whole
 * (trailing content, not an object, too large), of the path (encoded slashes and NULs, dot segments, semicolons,
 * overlong and non-ASCII ids, ids of another kind) and of the headers (Idempotency-Key, Content-Type, Accept,
 * credentials).
 */
public final class Variants {

    public static final String FIELDS = "field values";
    public static final String BODIES = "bodies";
    public static final String PATHS = "paths";
    public static final String HEADERS = "headers";
    public static final String OTHER_KIND = "ids of another kind";

    /** The services' default limit on a request body. */
    static final int BODY_LIMIT = 1024 * 1024;
    /** A body over the 1 MiB limit. */
    static final int HUGE = 2 * 1024 * 1024;
    /** Every how many operations (in document order) the huge variants are sent: they are slow to send. */
    static final int HUGE_EVERY = 7;

    private static final Set<Integer> BAD_REQUEST = Set.of(400);
    private static final Set<Integer> ANY_4XX = Set.of();
    private static final String UNKNOWN = "zzUnknown";

    /** Text variants that break the Unicode rule, as JSON string literals (escaped, so the body stays ASCII). */
    static final List<String> BROKEN_TEXT = List.of(
            "ok\u0000ok", "ok\u0007ok", "ok\rok", "ok\u0085ok", "ok\u007fok", "ok\u001bok",
            "ok\ud800ok", "ok\udc00ok", "\udc00\ud800", "ok\ud800",
            "ok\uffffok", "ok\ufffeok", "ok\ufdd0ok", "ok\ud83f\udffeok");

    private static final List<String> OPERATOR_OBJECTS = List.of(
            "{\"$gt\":\"\"}", "{\"$ne\":null}", "{\"$where\":\"1\"}", "{\"$regex\":\".*\"}");

    private static final List<String> BROKEN_IDS = List.of(
            "", " ", "-leading-dash", ".leading-dot", "_leading", "a b", "a/b", "..", ".", "a\\b", "a\nb", "a;b",
            "a%2Fb", "$gt", "a:b", "a@b", "\u00e9t\u00e9", "\uff41", "\ud83d\ude00", "a".repeat(101),
            "a\u0301", "a\u200bb");

    private static final List<String> EDGE_TIMES = List.of(
            "-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "+1000000000-01-01T00:00:00Z",
            "0000-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "1899-12-31T23:59:59Z",
            "1899-12-31T23:59:59.999999999Z", "9999-12-31T23:59:59Z", "2021-06-12", "2021-06-12T10:00:00",
            "2021-06-12T10:00:00+25:00", "2021-02-30T10:00:00Z", "2021-06-12T24:00:00Z", "2021-06-12T10:00:60Z",
            "12/06/2021 10:00", "2021-06-12 10:00:00Z", "Sat, 12 Jun 2021 10:00:00 GMT", "now", "");

    private static final List<String> RAW_TIMES = List.of("1623492000", "1623492000000", "-62135596800", "1.6234e9");

    private static final List<String> BAD_INTEGERS = List.of(
            "1.5", "1.0", "1e400", "1E2", "-1e400", "99999999999", "-99999999999", "9223372036854775808",
            "1" + "0".repeat(40), "\"1\"", "01", "NaN", "Infinity", "0x10", "+1", "1_000", "--1");

    private final ContractDocument document;
    private final World world;
    /** The Authorization header of a signed-in development user. */
    private final Function<String, String> authorizationOf;
    /** Turns the rotations: each list of similar values is spread over the fields, a few per field. */
    private int turn;

    public Variants(ContractDocument document, World world, Function<String, String> authorizationOf) {
        this.document = document;
        this.world = world;
        this.authorizationOf = authorizationOf;
    }

    // ---------------------------------------------------------------------------------------------------- fields

    /** Every malformed value of every field of the operation's body. */
    public List<Variant> ofFields(Operation operation, int index) {
        List<Variant> variants = new ArrayList<>();
        if (!operation.hasBody()) {
            return variants;
        }
        ObjectNode baseline = world.baseline(operation.bodySchema());
        Field longest = longestText(operation);
        for (Field field : document.fields(operation.bodySchema())) {
            variants.addAll(ofField(operation, baseline, field, index % HUGE_EVERY == 0 && field.equals(longest)));
        }
        return variants;
    }

    private List<Variant> ofField(Operation operation, ObjectNode baseline, Field field, boolean huge) {
        List<Variant> variants = new ArrayList<>();
        String type = field.type();
        // Wrong JSON types, null for a required field.
        Map<String, String> wrongTypes = new LinkedHashMap<>();
        if (!"string".equals(type) || field.isDateTime() || field.isEnum()) {
            wrongTypes.put("string", "\"text\"");
        }
        if (!"integer".equals(type)) {
            wrongTypes.put("number", "1234");
            wrongTypes.put("fraction", "1.5");
        }
        if (!"boolean".equals(type)) {
            wrongTypes.put("boolean", "true");
        }
        if (!"array".equals(type)) {
            wrongTypes.put("array", "[\"" + "a" + "\"]");
            wrongTypes.put("empty array", "[]");
        }
        if (!"object".equals(type)) {
            wrongTypes.put("object", "{\"a\":\"b\"}");
        } else if (document.resolve(field.schema()).has("required")) {
            wrongTypes.put("empty object", "{}");
        }
        for (String what : rotated(new ArrayList<>(wrongTypes.keySet()), 3)) {
            variants.add(replaced(operation, baseline, field, wrongTypes.get(what), "wrong type: " + what));
        }
        if (field.required()) {
            variants.add(replaced(operation, baseline, field, "null", "null for a required field"));
        }
        if ("string".equals(type)) {
            for (String operator : rotated(OPERATOR_OBJECTS, 1)) {
                variants.add(replaced(operation, baseline, field, operator, "operator object " + operator));
            }
            for (String broken : rotated(BROKEN_TEXT, 2)) {
                variants.add(replaced(operation, baseline, field, JsonText.string(broken),
                        "breaks the Unicode rule " + JsonText.string(broken)));
            }
            // raw: the control character unescaped inside the string, which JSON does not allow
            variants.add(replaced(operation, baseline, field, "\"ok" + (char) 7 + "ok\"",
                    "unescaped control character"));
        }
        if (field.isText()) {
            int max = field.schema().path("maxLength").asInt();
            variants.add(replaced(operation, baseline, field, "\"\"", "empty"));
            variants.add(replaced(operation, baseline, field, JsonText.string(" \t\n "), "blank"));
            variants.add(replaced(operation, baseline, field, JsonText.string("a".repeat(max + 1)),
                    "one character too long (" + (max + 1) + ")"));
            String wide = rotated(List.of("\u00e9", "\ud83d\ude00", "e\u0301"), 1).get(0);
            variants.add(replaced(operation, baseline, field, JsonText.string(wide.repeat(max + 1)),
                    "one character too long, in " + JsonText.string(wide)));
            if (huge) {
                variants.add(replaced(operation, baseline, field, "\"" + "a".repeat(HUGE) + "\"", "2 MiB of text")
                        .withStatuses(Set.of(413), Set.of("body")));
                variants.add(replaced(operation, baseline, field, "\"" + "a".repeat(900_000) + "\"",
                        "900 kB of text, under the body limit"));
            }
        }
        if (field.isId()) {
            for (String id : rotated(BROKEN_IDS, 4)) {
                variants.add(replaced(operation, baseline, field, JsonText.string(id),
                        "not an id: " + JsonText.string(id.length() > 20 ? id.substring(0, 20) + "..." : id)));
            }
        }
        if (field.isEnum()) {
            String first = field.schema().get("enum").get(0).asText();
            String otherCase = first.equals(first.toUpperCase()) ? first.toLowerCase() : first.toUpperCase();
            for (String value : rotated(List.of("NOT_A_VALUE", otherCase, first + " ", " " + first, "\t" + first, "",
                    "0"), 4)) {
                variants.add(replaced(operation, baseline, field, JsonText.string(value),
                        "not one of the values: " + JsonText.string(value)));
            }
        }
        if (field.isDateTime()) {
            List<String> times = new ArrayList<>(rotated(EDGE_TIMES, 4));
            times.add(Instant.now().plus(Duration.ofDays(field.name().equals("occurredAt") ? 1 : 11 * 366))
                    .toString());
            for (String time : times) {
                variants.add(replaced(operation, baseline, field, JsonText.string(time), "time " + time));
            }
            for (String raw : rotated(RAW_TIMES, 1)) {
                variants.add(replaced(operation, baseline, field, raw, "epoch number " + raw));
            }
            if (field.name().equals("endsAt")) {
                String startsAt = startsAtBeside(baseline, field);
                Instant start = Instant.parse(startsAt);
                variants.add(replaced(operation, baseline, field, JsonText.string(startsAt), "ends as it starts"));
                variants.add(replaced(operation, baseline, field,
                        JsonText.string(start.minusSeconds(1).toString()), "ends before it starts"));
                variants.add(replaced(operation, baseline, field,
                        JsonText.string(start.plus(Duration.ofDays(400)).toString()), "longer than any period"));
            }
        }
        if ("integer".equals(type)) {
            List<String> integers = new ArrayList<>(rotated(BAD_INTEGERS, 5));
            if (field.schema().has("minimum")) {
                integers.add(String.valueOf(field.schema().get("minimum").asLong() - 1));
            }
            if (field.schema().has("maximum")) {
                integers.add(String.valueOf(field.schema().get("maximum").asLong() + 1));
            }
            for (String raw : integers) {
                variants.add(replaced(operation, baseline, field, raw, "integer " + raw));
            }
        }
        if ("boolean".equals(type)) {
            for (String raw : rotated(List.of("\"true\"", "\"false\"", "1", "0", "\"yes\"", "TRUE", "True"), 2)) {
                variants.add(replaced(operation, baseline, field, raw, "boolean " + raw));
            }
        }
        if ("array".equals(type)) {
            variants.addAll(ofList(operation, baseline, field, huge));
        }
        if ("object".equals(type)) {
            variants.add(withMember(operation, baseline, field.path(), JsonText.member(UNKNOWN, "1"),
                    field.path() + "." + UNKNOWN, "unknown property inside " + field.path()));
        }
        if (!field.isElement()) {
            String parent = parentOf(field.path());
            JsonNode value = valueAt(baseline, field.path());
            variants.add(withMember(operation, baseline, parent,
                    JsonText.member(field.name(), JsonText.render(value)), field.path(),
                    "duplicate key " + field.path()));
        }
        return variants;
    }

    private List<Variant> ofList(Operation operation, ObjectNode baseline, Field field, boolean huge) {
        List<Variant> variants = new ArrayList<>();
        JsonNode items = document.resolve(field.schema().path("items"));
        JsonNode element = valueAt(baseline, field.path()).get(0);
        if (field.schema().has("maxItems")) {
            int tooMany = field.schema().get("maxItems").asInt() + 1;
            variants.add(replaced(operation, baseline, field, list(element, items, tooMany),
                    "one entry too many (" + tooMany + ")"));
            if (huge || "string".equals(items.path("type").asText()) && items.has("pattern")
                    && field.path().equals(firstListOf(operation))) {
                variants.add(replaced(operation, baseline, field, list(element, items, 30_000),
                        "30,000 entries"));
            }
        }
        if (field.schema().path("minItems").asInt(0) >= 1) {
            variants.add(replaced(operation, baseline, field, "[]", "empty list"));
        } else {
            variants.add(replaced(operation, baseline, field, "[]", "empty list (the document allows it)")
                    .tolerated());
        }
        if (field.schema().path("uniqueItems").asBoolean(false)) {
            String once = JsonText.render(element);
            variants.add(replaced(operation, baseline, field, "[" + once + "," + once + "]", "the same entry twice"));
        }
        variants.add(replaced(operation, baseline, field, "[[" + JsonText.render(element) + "]]",
                "a list inside the list"));
        variants.add(replaced(operation, baseline, field, "[" + JsonText.render(element) + ",",
                "a list that never ends"));
        return variants;
    }

    /** {@code count} distinct valid entries, where the schema allows making them distinct. */
    private static String list(JsonNode element, JsonNode items, int count) {
        StringBuilder list = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            list.append(i == 0 ? "" : ",");
            if (element.isTextual() && !items.has("enum")) {
                list.append(JsonText.string(("x" + i)));
            } else if (element.canConvertToInt() && items.has("maximum")) {
                list.append(i % (items.get("maximum").asInt() + 1));
            } else {
                list.append(JsonText.render(element));
            }
        }
        return list.append(']').toString();
    }

    private String firstListOf(Operation operation) {
        for (Field field : document.fields(operation.bodySchema())) {
            if ("array".equals(field.type())) {
                return field.path();
            }
        }
        return "";
    }

    private Field longestText(Operation operation) {
        Field longest = null;
        for (Field field : document.fields(operation.bodySchema())) {
            if (field.isText() && (longest == null || field.schema().path("maxLength").asInt()
                    > longest.schema().path("maxLength").asInt())) {
                longest = field;
            }
        }
        return longest;
    }

    private static String startsAtBeside(ObjectNode baseline, Field endsAt) {
        String parent = parentOf(endsAt.path());
        return valueAt(baseline, parent.isEmpty() ? "startsAt" : parent + ".startsAt").asText();
    }

    // ---------------------------------------------------------------------------------------------------- bodies

    /** The body as a whole: not an object, trailing content, missing, truncated, too large, broken UTF-8. */
    public List<Variant> ofBodies(Operation operation, int index) {
        List<Variant> variants = new ArrayList<>();
        String path = world.path(operation);
        if (!operation.hasBody()) {
            variants.add(Variant.rejected(BODIES, operation, path, Variant.utf8("{\"a\":1}"), ANY_4XX, Set.of(),
                    "a body where none is taken"));
            variants.add(Variant.rejected(BODIES, operation, path + "/x", null, ANY_4XX, Set.of(),
                    "a path below it"));
            return variants;
        }
        ObjectNode baseline = world.baseline(operation.bodySchema());
        String valid = JsonText.render(baseline);
        Set<String> body = Set.of("body");
        for (String trailing : rotated(List.of(" {}", "x", ",", "]", " null", valid, "\u0000", "//"), 3)) {
            variants.add(Variant.rejected(BODIES, operation, path, Variant.utf8(valid + trailing), BAD_REQUEST, body,
                    "trailing content " + JsonText.string(trailing.length() > 10 ? "a second body" : trailing)));
        }
        for (String other : rotated(List.of("[" + valid + "]", "\"text\"", "1", "true", "[]", "title=a&b=c",
                "<xml/>", "{'a': 'b'}"), 3)) {
            variants.add(Variant.rejected(BODIES, operation, path, Variant.utf8(other), BAD_REQUEST, body,
                    "not a JSON object: " + (other.length() > 20 ? other.substring(0, 20) + "..." : other)));
        }
        for (String nothing : List.of("", "null", "   ")) {
            Variant variant = Variant.rejected(BODIES, operation, path, Variant.utf8(nothing), BAD_REQUEST, body,
                    "no body: " + JsonText.string(nothing));
            variants.add(operation.bodyRequired() ? variant : variant.tolerated());
        }
        List<String> required = new ArrayList<>();
        document.resolve(operation.bodySchema()).path("required").forEach(name -> required.add(name.asText()));
        Variant empty = Variant.rejected(BODIES, operation, path, Variant.utf8("{}"), BAD_REQUEST,
                Set.copyOf(required), "empty object: every required property missing");
        variants.add(required.isEmpty() ? empty.tolerated() : empty);
        variants.add(Variant.rejected(BODIES, operation, path, Variant.utf8(valid.substring(0, valid.length() / 2)),
                BAD_REQUEST, Set.of(), "truncated"));
        variants.add(Variant.rejected(BODIES, operation, path, Variant.utf8("/* c */" + valid), BAD_REQUEST,
                Set.of(), "a comment"));
        variants.add(Variant.rejected(BODIES, operation, path, Variant.utf8("[".repeat(2000) + "]".repeat(2000)),
                BAD_REQUEST, Set.of(), "deeply nested"));
        variants.add(Variant.rejected(BODIES, operation, path,
                Variant.utf8(JsonText.render(baseline, Map.of(), Map.of("",
                        List.of(JsonText.member("a".repeat(300), "1"))))),
                BAD_REQUEST, Set.of(), "a property name of 300 characters"));
        variants.add(Variant.rejected(BODIES, operation, path,
                Variant.utf8(JsonText.render(baseline, Map.of(), Map.of("", List.of(JsonText.member(UNKNOWN, "1"))))),
                BAD_REQUEST, Set.of(UNKNOWN), "an unknown property"));
        for (String unknown : rotated(List.of("\ud800", "$where", "__proto__", "constructor", "\u0000"), 2)) {
            variants.add(Variant.rejected(BODIES, operation, path,
                    Variant.utf8(JsonText.render(baseline, Map.of(), Map.of("",
                            List.of(JsonText.member(unknown, "1"))))),
                    BAD_REQUEST, Set.of(), "an unknown property " + JsonText.string(unknown)));
        }
        Iterator<String> names = baseline.fieldNames();
        if (names.hasNext()) {
            String name = names.next();
            String otherCase = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            variants.add(Variant.rejected(BODIES, operation, path,
                    Variant.utf8(JsonText.render(baseline, Map.of(), Map.of("",
                            List.of(JsonText.member(otherCase, JsonText.render(baseline.get(name))))))),
                    BAD_REQUEST, Set.of(otherCase), "a property in another case: " + otherCase));
        }
        // Broken UTF-8 in the first text of the body: a bad continuation byte, 0xFF, an overlong '/', and a surrogate
        // encoded as if it were a character (CESU-8).
        Field text = firstText(operation);
        if (text != null) {
            byte[][] brokenSequences = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF},
                    {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}};
            for (byte[] broken : rotated(List.of(brokenSequences), 2)) {
                variants.add(Variant.rejected(BODIES, operation, path,
                        withBytes(JsonText.render(baseline, Map.of(text.path(), "\"ok\u0001ok\""), Map.of()), broken),
                        BAD_REQUEST, Set.of(), "broken UTF-8 in " + text.path()));
            }
        }
        if (index % HUGE_EVERY == 0) {
            byte[] padded = Variant.utf8(" ".repeat(HUGE) + valid);
            variants.add(Variant.rejected(BODIES, operation, path, padded, Set.of(413), body,
                    "2 MiB of whitespace, with Content-Length"));
            variants.add(Variant.rejected(BODIES, operation, path, padded, Set.of(413), body,
                    "2 MiB of whitespace, chunked").chunkedBody());
        }
        return variants;
    }

    private Field firstText(Operation operation) {
        for (Field field : document.fields(operation.bodySchema())) {
            if (field.isText() && !field.isElement()) {
                return field;
            }
        }
        return null;
    }

    /** The text with the marker character {@code \u0001} replaced by raw bytes. */
    private static byte[] withBytes(String text, byte[] replacement) {
        int at = text.indexOf('\u0001');
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(replacement);
        bytes.writeBytes(text.substring(at + 1).getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    // ---------------------------------------------------------------------------------------------------- paths

    private static final List<String> BROKEN_PATH_IDS = List.of(
            "a%2Fb", "a%2fb", "a%00b", "%00", "%2e%2e", "%2E", "..", ".", "a;b", "a;jsessionid=1", "a%3Bb", "a%5Cb",
            "a%252Fb", "%20a", "a%0Ab", "a%0D%0Ab", "a%09b", "%C3%A9t%C3%A9", "%F0%9F%98%80", "%C3%28", "%ff", "-a",
            "%7B%22%24gt%22%3A%22%22%7D", "", "a%20", "a".repeat(101), "a".repeat(2000), "%u0041", "a%", "a%zz",
            "%2e%2e%2f%2e%2e", "a%3Fb", "a%23b");

    private static final List<String> BROKEN_PATH_INTEGERS = List.of(
            "0", "21", "-1", "1.5", "99999999999", "abc", "%C3%A9", "1%2F2", "", "1e1", "0x1", "%00", "1;a", "..");

    /** Each path variable broken in turn, with a body the contract accepts. */
    public List<Variant> ofPaths(Operation operation) {
        List<Variant> variants = new ArrayList<>();
        byte[] body = operation.hasBody() ? Variant.utf8(JsonText.render(world.baseline(operation.bodySchema())))
                : null;
        for (PathVariable variable : operation.pathVariables()) {
            Set<String> fields = Set.of(variable.name(), "path", "request");
            for (String raw : variable.isInteger() ? BROKEN_PATH_INTEGERS : rotated(BROKEN_PATH_IDS, 12)) {
                variants.add(Variant.rejected(PATHS, operation, world.path(operation, variable.name(), raw), body,
                        ANY_4XX, fields, variable.name() + " = " + (raw.length() > 30 ? raw.length() + " characters"
                                : raw)));
            }
        }
        String path = world.path(operation);
        for (String suffix : rotated(List.of("/", "//", "/.", "/..", "/%2e", ";a=b", "/extra", "%00", "%2F"), 4)) {
            variants.add(Variant.rejected(PATHS, operation, path + suffix, body, ANY_4XX,
                    Set.of("path", "request"), "path then " + suffix));
        }
        if (!operation.pathVariables().isEmpty()) {
            variants.add(Variant.rejected(PATHS, operation, path.toUpperCase(), body, ANY_4XX,
                    Set.of("path", "request"), "upper case path"));
        }
        return variants;
    }

    /** Each path variable naming an existing aggregate of another kind, with a body the contract accepts. */
    public List<Variant> ofOtherKinds(Operation operation) {
        List<Variant> variants = new ArrayList<>();
        byte[] body = operation.hasBody() ? Variant.utf8(JsonText.render(world.baseline(operation.bodySchema())))
                : null;
        for (PathVariable variable : operation.pathVariables()) {
            if (variable.isInteger()) {
                continue;
            }
            String kind = World.PATH_VARIABLE_KINDS.get(variable.name());
            // 422 where a rule of the command finds no such thing before any aggregate is loaded: a conversation that
            // is not scheduled cannot start, an idea needs a consultation that has started.
            Set<Integer> statuses = Set.of(404, 409, 422);
            World.AGGREGATES.forEach((otherKind, id) -> {
                if (!otherKind.equals(kind) && !otherKind.equals(World.SHARED_IDS.get(variable.name()))) {
                    variants.add(Variant.rejected(OTHER_KIND, operation, world.path(operation, variable.name(), id),
                            body, statuses, Set.of(), variable.name() + " names a " + otherKind + " (" + id + ")"));
                }
            });
        }
        return variants;
    }

    // ---------------------------------------------------------------------------------------------------- headers

    /** Broken headers with a body the contract accepts (so anything but a refusal would record something). */
    public List<Variant> ofHeaders(Operation operation) {
        List<Variant> variants = new ArrayList<>();
        String path = world.path(operation);
        if (!operation.hasBody()) {
            return variants;
        }
        ObjectNode baseline = world.baseline(operation.bodySchema());
        byte[] body = Variant.utf8(JsonText.render(baseline));
        for (String key : rotated(List.of("", "a b", "k".repeat(201), "\u00e9t\u00e9", "tab\tkey", " ", "\u007f",
                "\u4e00"), 2)) {
            variants.add(Variant.rejected(HEADERS, operation, path, body, Set.of(400),
                            Set.of("Idempotency-Key", "headers", "request"),
                            "Idempotency-Key " + JsonText.string(key.length() > 20 ? key.length() + " characters"
                                    : key))
                    .withHeaders(Map.of("Idempotency-Key", key)));
        }
        for (String type : rotated(List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "text/html", "application/octet-stream", "*/*", "json"), 2)) {
            variants.add(Variant.rejected(HEADERS, operation, path, body, Set.of(415),
                            Set.of("Content-Type"), "Content-Type " + type)
                    .withHeaders(Map.of("Content-Type", type)));
        }
        Map<String, String> noType = new LinkedHashMap<>();
        noType.put("Content-Type", null);
        variants.add(Variant.rejected(HEADERS, operation, path, body, Set.of(415), Set.of("Content-Type"),
                "no Content-Type").withHeaders(noType));
        // Jackson reads the encoding from the bytes (RFC 8259 allows only UTF-8 anyway): the body may be accepted.
        variants.add(Variant.rejected(HEADERS, operation, path, body, Set.of(), Set.of(),
                        "Content-Type application/json; charset=utf-16 over UTF-8 bytes")
                .withHeaders(Map.of("Content-Type", "application/json; charset=utf-16")).tolerated());
        // A body the contract refuses, asked for as a web page or an image: the refusal is still problem+json.
        byte[] refused = Variant.utf8(JsonText.render(baseline, Map.of(baseline.fieldNames().next(), "{}"),
                Map.of()));
        for (String accept : rotated(List.of("text/html", "application/xml", "image/png", "text/plain;q=1, */*;q=0"),
                1)) {
            variants.add(Variant.rejected(HEADERS, operation, path, refused, Set.of(400, 406), Set.of(),
                    "refused body, Accept " + accept).withHeaders(Map.of("Accept", accept)));
        }
        Map<String, String> anonymous = new LinkedHashMap<>();
        anonymous.put("Authorization", null);
        variants.add(Variant.rejected(HEADERS, operation, path, body, Set.of(401), Set.of(), "no credentials")
                .withHeaders(anonymous));
        // HTTP Basic is refused even with the right password; tokens that were never issued, or not ours, likewise.
        for (String credentials : rotated(List.of(ServiceClient.basic("admin", "wrong"),
                ServiceClient.basic("admin", "admin-dev"), "Basic !!!", "Basic " + "QQ==".repeat(1000), "Bearer abc",
                "Bearer ct_" + "A".repeat(43), "Bearer ct_" + "é".repeat(200), "Bearer", "Basic",
                "basic YWRtaW46YWRtaW4tZGV2x"),
                2)) {
            variants.add(Variant.rejected(HEADERS, operation, path, body, Set.of(400, 401), Set.of(),
                    "credentials " + (credentials.length() > 30 ? credentials.substring(0, 30) + "..." : credentials))
                    .withHeaders(Map.of("Authorization", credentials)));
        }
        variants.add(Variant.rejected(HEADERS, operation, path, body, Set.of(403), Set.of(),
                "a reviewer, who never writes").withHeaders(Map.of("Authorization", authorizationOf.apply("reviewer"))));
        variants.add(Variant.rejected(HEADERS, operation, path, body, Set.of(403), Set.of(),
                        "a participant account acting for somebody else")
                .withHeaders(Map.of("Authorization", authorizationOf.apply("participant"))));
        return variants;
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    /**
     * {@code count} entries of the list, the next ones each time it is asked: every entry is sent, spread over the
     * fields (or operations), without sending every entry for every one of them.
     */
    private <T> List<T> rotated(List<T> values, int count) {
        List<T> picked = new ArrayList<>();
        for (int i = 0; i < Math.min(count, values.size()); i++) {
            picked.add(values.get((turn + i) % values.size()));
        }
        turn += count;
        return picked;
    }

    private Variant replaced(Operation operation, ObjectNode baseline, Field field, String raw, String description) {
        byte[] body = Variant.utf8(JsonText.render(baseline, Map.of(field.path(), raw), Map.of()));
        Set<String> fields = Set.of(field.path());
        if (body.length > BODY_LIMIT) {
            return Variant.rejected(FIELDS, operation, world.path(operation), body, Set.of(413), Set.of("body"),
                    field.path() + ": " + description + " (" + body.length + " bytes, over the body limit)");
        }
        if (raw.matches("-?[0-9]{33,}")) {
            // KNOWN DEFECT (api-boundary JsonProblems): Jackson refuses a number of more than 32 digits before
            // databind knows the property, and the problem names the body instead of the field.
            fields = Set.of(field.path(), "body");
        }
        return Variant.rejected(FIELDS, operation, world.path(operation), body, BAD_REQUEST, fields,
                field.path() + ": " + description);
    }

    private Variant withMember(Operation operation, ObjectNode baseline, String objectPath, String member,
                               String expectedField, String description) {
        return Variant.rejected(FIELDS, operation, world.path(operation),
                Variant.utf8(JsonText.render(baseline, Map.of(), Map.of(objectPath, List.of(member)))), BAD_REQUEST,
                Set.of(expectedField), description);
    }

    static String parentOf(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }

    static JsonNode valueAt(JsonNode body, String path) {
        JsonNode node = body;
        for (String step : path.split("\\.")) {
            String name = step.contains("[") ? step.substring(0, step.indexOf('[')) : step;
            node = node.path(name);
            if (step.contains("[")) {
                node = node.path(Integer.parseInt(step.substring(step.indexOf('[') + 1, step.indexOf(']'))));
            }
        }
        return node;
    }

    /** Every distinct field path of the operations, for the count in the report. */
    public Set<String> fieldPaths(List<Operation> operations) {
        Set<String> paths = new LinkedHashSet<>();
        for (Operation operation : operations) {
            if (operation.hasBody()) {
                document.fields(operation.bodySchema()).forEach(f -> paths.add(operation.name() + " " + f.path()));
            }
        }
        return paths;
    }
}
