package org.consultationtracker.system.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.sessions.JqwikSession;
import org.consultationtracker.system.fuzz.ContractDocument.Field;
import org.consultationtracker.system.fuzz.ContractDocument.Operation;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Random malformed variants made with jqwik's generators from a fixed seed, so every run sends the same requests:
 * a random invalid value for a random field (text with a forbidden character at a random place, text one to a
 * hundred characters too long, ids that break the pattern, times outside the window, numbers out of range, lists too
 * long), a random JSON value of the wrong type, the body cut at a random place, broken UTF-8 at a random place of a
 * text, and random unknown property names. Half of them carry a random (valid) Idempotency-Key.
 */
public final class RandomVariants {

    public static final String RANDOM = "random (jqwik, seed " + RandomVariants.SEED + ")";
    public static final long SEED = 20_210_612L;

    private static final int GEN_SIZE = 1000;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final ContractDocument document;
    private final World world;
    private final Random random = new Random(SEED);

    public RandomVariants(ContractDocument document, World world) {
        this.document = document;
        this.world = world;
    }

    /** {@code count} variants, in five kinds: 40% invalid values, 20% wrong types, 40% the rest evenly. */
    public List<Variant> generate(List<Operation> operations, int count) {
        List<Operation> withBody = operations.stream().filter(Operation::hasBody).toList();
        List<Variant> variants = new ArrayList<>();
        JqwikSession.start();
        try {
            for (int i = 0; i < count; i++) {
                Operation operation = pick(Arbitraries.of(withBody));
                ObjectNode baseline = world.baseline(operation.bodySchema());
                List<Field> fields = document.fields(operation.bodySchema());
                int kind = i % 10;
                Variant variant;
                if (kind < 4) {
                    variant = invalidValue(operation, baseline, pick(Arbitraries.of(fields)));
                } else if (kind < 6) {
                    variant = wrongType(operation, baseline, pick(Arbitraries.of(fields)));
                } else if (kind == 6) {
                    variant = truncated(operation, baseline);
                } else if (kind == 7 && fields.stream().anyMatch(Field::isText)) {
                    variant = brokenUtf8(operation, baseline, fields);
                } else if (kind == 7) {
                    variant = truncated(operation, baseline);
                } else {
                    variant = unknownProperty(operation, baseline);
                }
                if (pick(Arbitraries.of(true, false))) {
                    String key = pick(Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(200));
                    variant = variant.withHeaders(Map.of("Idempotency-Key", key));
                }
                variants.add(variant);
            }
        } finally {
            JqwikSession.finish();
        }
        return variants;
    }

    private <T> T pick(Arbitrary<T> arbitrary) {
        return arbitrary.generator(GEN_SIZE, true).next(random).value();
    }

    private Variant invalidValue(Operation operation, ObjectNode baseline, Field field) {
        JsonNode schema = field.schema();
        String raw;
        String what;
        if (field.isText()) {
            int max = schema.path("maxLength").asInt();
            if (pick(Arbitraries.of(true, false))) {
                String text = pick(Arbitraries.strings().alpha().numeric().withChars(" ,.?!\u00e9\u00df\u6f22\n\t")
                        .ofMinLength(0).ofMaxLength(40));
                int at = pick(Arbitraries.integers().between(0, text.length()));
                char forbidden = pick(forbiddenCharacters());
                raw = JsonText.string(text.substring(0, at) + forbidden + text.substring(at));
                what = String.format("text with U+%04X at %d", (int) forbidden, at);
            } else {
                int length = max + pick(Arbitraries.integers().between(1, 100));
                raw = JsonText.string(pick(Arbitraries.strings().alpha().ofLength(length)));
                what = "text of " + length + " characters";
            }
        } else if (field.isId()) {
            String id = pick(Arbitraries.strings().ofMinLength(0).ofMaxLength(120)
                    .filter(s -> !ID.matcher(s).matches()));
            raw = JsonText.string(id);
            what = "id " + shortened(raw);
        } else if (field.isEnum()) {
            Set<String> values = new HashSet<>();
            schema.get("enum").forEach(v -> values.add(v.asText()));
            String value = pick(Arbitraries.strings().ofMinLength(0).ofMaxLength(30).filter(s -> !values.contains(s)));
            raw = JsonText.string(value);
            what = "enum " + shortened(raw);
        } else if (field.isDateTime()) {
            int thisYear = LocalDateTime.now().getYear();
            int year = pick(Arbitraries.oneOf(Arbitraries.integers().between(-999_999_999, 1899),
                    Arbitraries.integers().between(thisYear + 11, 999_999_999)));
            LocalDateTime time = LocalDateTime.of(year, pick(Arbitraries.integers().between(1, 12)),
                    pick(Arbitraries.integers().between(1, 28)), pick(Arbitraries.integers().between(0, 23)),
                    pick(Arbitraries.integers().between(0, 59)));
            raw = JsonText.string(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time.atOffset(ZoneOffset.UTC)));
            what = "time " + raw;
        } else if ("integer".equals(field.type())) {
            long min = schema.path("minimum").asLong(Integer.MIN_VALUE);
            long max = schema.path("maximum").asLong(Integer.MAX_VALUE);
            raw = pick(Arbitraries.oneOf(
                    Arbitraries.longs().filter(n -> n < min || n > max).map(String::valueOf),
                    Arbitraries.bigIntegers().between(BigInteger.TWO.pow(63), BigInteger.TEN.pow(30))
                            .map(BigInteger::toString),
                    Arbitraries.doubles().between(-1e6, 1e6).ofScale(3).filter(d -> d != Math.rint(d))
                            .map(String::valueOf)));
            what = "integer " + raw;
        } else if ("boolean".equals(field.type())) {
            raw = pick(Arbitraries.oneOf(Arbitraries.integers().map(String::valueOf),
                    Arbitraries.strings().alpha().ofMaxLength(10).map(JsonText::string)));
            what = "boolean " + shortened(raw);
        } else if ("array".equals(field.type()) && schema.has("maxItems")) {
            int length = schema.get("maxItems").asInt() + pick(Arbitraries.integers().between(1, 50));
            JsonNode element = Variants.valueAt(baseline, field.path()).get(0);
            StringBuilder list = new StringBuilder("[");
            for (int i = 0; i < length; i++) {
                list.append(i == 0 ? "" : ",").append(element.isTextual()
                        ? JsonText.string("x" + i) : JsonText.render(element));
            }
            raw = list.append(']').toString();
            what = "list of " + length;
        } else {
            return wrongType(operation, baseline, field);
        }
        return replaced(operation, baseline, field, raw, what);
    }

    private Arbitrary<Character> forbiddenCharacters() {
        return Arbitraries.oneOf(Arbitraries.chars().range('\u0000', '\u0008'),
                Arbitraries.chars().range('\u000b', '\u001f'), Arbitraries.chars().range('\u007f', '\u009f'),
                Arbitraries.chars().range('\ud800', '\udfff'), Arbitraries.chars().range('\ufdd0', '\ufdef'),
                Arbitraries.of('\ufffe', '\uffff'));
    }

    /** A random JSON value whose type the field does not have. */
    private Variant wrongType(Operation operation, ObjectNode baseline, Field field) {
        String type = field.type();
        List<Arbitrary<String>> others = new ArrayList<>();
        if (!"string".equals(type) || field.isEnum() || field.isDateTime()) {
            others.add(Arbitraries.strings().ofMaxLength(20).map(JsonText::string));
        }
        if (!"integer".equals(type) && !"number".equals(type)) {
            others.add(Arbitraries.integers().map(String::valueOf));
        }
        if (!"boolean".equals(type)) {
            others.add(Arbitraries.of("true", "false"));
        }
        if (!"array".equals(type)) {
            others.add(Arbitraries.strings().ofMaxLength(10).list().ofMaxSize(5)
                    .map(list -> "[" + String.join(",", list.stream().map(JsonText::string).toList()) + "]"));
        }
        if (!"object".equals(type)) {
            others.add(Arbitraries.strings().ofMinLength(1).ofMaxLength(10)
                    .map(key -> "{" + JsonText.member(key, "1") + "}"));
        }
        String raw = pick(Arbitraries.oneOf(others));
        if ("string".equals(type) && !field.isEnum() && !field.isDateTime() && raw.startsWith("\"")) {
            raw = "1";
        }
        return replaced(operation, baseline, field, raw, "wrong type " + shortened(raw));
    }

    private Variant truncated(Operation operation, ObjectNode baseline) {
        String valid = JsonText.render(baseline);
        int at = pick(Arbitraries.integers().between(1, valid.length() - 1));
        return Variant.rejected(RANDOM, operation, world.path(operation), Variant.utf8(valid.substring(0, at)),
                Set.of(400), Set.of(), "cut after " + at + " of " + valid.length() + " characters");
    }

    private Variant brokenUtf8(Operation operation, ObjectNode baseline, List<Field> fields) {
        List<Field> texts = fields.stream().filter(Field::isText).toList();
        Field field = pick(Arbitraries.of(texts));
        String value = Variants.valueAt(baseline, field.path()).asText();
        int at = pick(Arbitraries.integers().between(0, value.length()));
        byte[] broken = pick(Arbitraries.of(List.of(new byte[]{(byte) 0xC3, 0x28}, new byte[]{(byte) 0xFF},
                new byte[]{(byte) 0xFE}, new byte[]{(byte) 0x80}, new byte[]{(byte) 0xC0, (byte) 0xAF},
                new byte[]{(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[]{(byte) 0xED, (byte) 0xBF, (byte) 0xBF}, new byte[]{(byte) 0xF4, (byte) 0x90, 0, 0},
                new byte[]{(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80})));
        String text = JsonText.render(baseline, Map.of(field.path(),
                "\"" + value.substring(0, at) + "\u0001" + value.substring(at) + "\""), Map.of());
        int marker = text.indexOf('\u0001');
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(text.substring(0, marker).getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(broken);
        bytes.writeBytes(text.substring(marker + 1).getBytes(StandardCharsets.UTF_8));
        return Variant.rejected(RANDOM, operation, world.path(operation), bytes.toByteArray(), Set.of(400),
                Set.of(), field.path() + ": broken UTF-8 " + hex(broken) + " at " + at);
    }

    private Variant unknownProperty(Operation operation, ObjectNode baseline) {
        Set<String> known = new HashSet<>();
        baseline.fieldNames().forEachRemaining(known::add);
        String name = pick(Arbitraries.strings().ofMinLength(1).ofMaxLength(40).filter(s -> !known.contains(s)));
        String body = JsonText.render(baseline, Map.of(), Map.of("", List.of(JsonText.member(name, "1"))));
        return Variant.rejected(RANDOM, operation, world.path(operation), Variant.utf8(body), Set.of(400),
                Set.of(name), "unknown property " + shortened(JsonText.string(name)));
    }

    private Variant replaced(Operation operation, ObjectNode baseline, Field field, String raw, String what) {
        return Variant.rejected(RANDOM, operation, world.path(operation),
                Variant.utf8(JsonText.render(baseline, Map.of(field.path(), raw), Map.of())), Set.of(400),
                Set.of(field.path()), field.path() + ": " + what);
    }

    private static String shortened(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    private static String hex(byte[] bytes) {
        StringBuilder hex = new StringBuilder();
        for (byte b : bytes) {
            hex.append(String.format("%02X ", b));
        }
        return hex.toString().trim();
    }
}
