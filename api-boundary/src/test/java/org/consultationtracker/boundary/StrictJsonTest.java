package org.consultationtracker.boundary;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.mock.http.MockHttpInputMessage;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Request bodies read strictly: every refusal names the field and the rule, never the value. */
class StrictJsonTest {

    enum Kind { PROBLEM, QUOTE }

    record Round(int round, Instant startsAt) {
    }

    record Request(String text, Integer count, int round, boolean verbatim, Kind kind, Instant occurredAt,
                   List<String> ids, List<Round> rounds) {
    }

    private final ObjectMapper mapper = StrictJson.configure(new ObjectMapper().registerModule(new JavaTimeModule()));

    private Request read(String json) throws Exception {
        return mapper.readValue(json, Request.class);
    }

    private FieldProblem problem(String json) {
        Throwable thrown = catchThrowable(() -> read(json));
        assertThat(thrown).as("%s must be refused", json).isNotNull();
        return JsonProblems.of(new HttpMessageNotReadableException("unreadable", thrown,
                new MockHttpInputMessage(json.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void aWellFormedBodyIsReadAndItsTextNormalisedToNfc() throws Exception {
        Request request = read("""
                {"text": "Cafe\\u0301 \\ud83d\\ude00\\n\\ttab", "count": 3, "round": 2, "verbatim": true,
                 "kind": "QUOTE", "occurredAt": "2021-06-12T11:00:00+01:00", "ids": ["a"],
                 "rounds": [{"round": 1, "startsAt": "2021-06-12T10:00:00Z"}]}""");
        assertThat(request.text()).isEqualTo("Caf\u00e9 \ud83d\ude00\n\ttab");
        assertThat(request.occurredAt()).isEqualTo(Instant.parse("2021-06-12T10:00:00Z"));
        assertThat(request.rounds().get(0).startsAt()).isEqualTo(Instant.parse("2021-06-12T10:00:00Z"));
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            {"text": "a", "text": "b"}                        | text        | appears more than once
            {"rounds": [{"round": 1, "round": 2}]}             | rounds[0].round | appears more than once
            {"text": "a"} {"text": "b"}                       | body        | one JSON value and nothing after it
            {"text": "a"} x                                   | body        | not valid JSON
            {"text": 12}                                      | text        | must be a string
            {"text": true}                                    | text        | must be a string
            {"text": {"$gt": ""}}                             | text        | must be a string
            {"text": ["a"]}                                   | text        | must be a string
            {"round": 1.5}                                    | round       | must be an integer
            {"round": "1"}                                    | round       | must be an integer
            {"count": null, "text": "\\u0007"}               | text        | control character U+0007
            {"text": "raw\u0001control"}                    | text        | not valid JSON
            {"round": 99999999999}                            | round       | out of range
            {"count": 1e400}                                  | count       | must be an integer
            {"verbatim": "true"}                              | verbatim    | true or false
            {"verbatim": 1}                                   | verbatim    | true or false
            {"kind": 0}                                       | kind        | must be one of [PROBLEM, QUOTE]
            {"kind": "QUIP"}                                  | kind        | must be one of [PROBLEM, QUOTE]
            {"kind": "QUOTE "}                                | kind        | must be one of [PROBLEM, QUOTE]
            {"kind": " QUOTE"}                                | kind        | must be one of [PROBLEM, QUOTE]
            {"kind": "\\tQUOTE"}                             | kind        | must be one of [PROBLEM, QUOTE]
            {"occurredAt": 1623492000}                        | occurredAt  | ISO-8601
            {"occurredAt": "2021-06-12"}                      | occurredAt  | ISO-8601
            {"occurredAt": "+1000000000-01-01T00:00:00Z"}     | occurredAt  | ISO-8601
            {"rounds": [{"startsAt": "yesterday"}]}           | rounds[0].startsAt | ISO-8601
            {"ids": "a"}                                      | ids         | must be an array
            {"ids": [1]}                                      | ids[0]      | must be a string
            {"unknown": 1}                                    | unknown     | is not a property
            {"text": "a\\ud800b"}                             | text        | lone surrogate U+D800 (not valid Unicode) at character 2
            {"text": "\\udc00"}                               | text        | lone surrogate U+DC00
            {"text": "a\\u0000"}                              | text        | control character U+0000
            {"text": "a\\r\\n"}                               | text        | control character U+000D
            {"text": "\\u0085"}                               | text        | control character U+0085
            {"text": "\\uffff"}                               | text        | noncharacter U+FFFF
            {"ids": ["ok", "\\ud800"]}                        | ids[1]      | lone surrogate
            [1, 2]                                            | body        | must be an object
            "text"                                            | body        | must be an object
            {"text": "a"                                      | body        | not valid JSON
            """)
    void aBodyOutOfContractIsRefusedNamingTheFieldAndTheRule(String json, String field, String rule) {
        FieldProblem problem = problem(json);
        assertThat(problem.field()).as(json).isEqualTo(field);
        assertThat(problem.message()).as(json).contains(rule);
    }

    @Test
    void bytesThatAreNotWellFormedUtf8AreRefusedAsTheBody() throws Exception {
        int[][] malformed = {{0xC0, 0xAF}, {0xE0, 0x80, 0xAF}, {0xED, 0xA0, 0x80}, {0xF4, 0x90, 0x80, 0x80},
                {0xC3, 0x28}, {0xFF}, {0x80}, {0xF0, 0x9F, 0x98}, {0xC2}};
        for (int[] sequence : malformed) {
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            body.writeBytes("{\"text\": \"ok".getBytes(StandardCharsets.UTF_8));
            for (int b : sequence) {
                body.write(b);
            }
            body.writeBytes("ok\"}".getBytes(StandardCharsets.UTF_8));
            Throwable thrown = catchThrowable(() -> mapper.readValue(body.toByteArray(), Request.class));
            assertThat(thrown).as("%s must be refused", java.util.Arrays.toString(sequence)).isNotNull();
            FieldProblem problem = JsonProblems.of(new HttpMessageNotReadableException("unreadable", thrown,
                    new MockHttpInputMessage(body.toByteArray())));
            assertThat(problem).isEqualTo(new FieldProblem("body", StrictUtf8.RULE));
        }
        byte[] wellFormed = "{\"text\": \"\u00e9 \u6f22 \ud83d\ude00 \udbff\udffd\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(mapper.readValue(new java.io.ByteArrayInputStream(wellFormed), Request.class).text())
                .isEqualTo("\u00e9 \u6f22 \ud83d\ude00 \udbff\udffd");
    }

    @Test
    void deepNestingIsRefusedWithoutReadingIt() {
        String deep = "{\"rounds\": [" + "{\"round\": [".repeat(5000) + "]}".repeat(5000) + "]}";
        assertThat(problem(deep).field()).startsWith("rounds[0].round");
        assertThat(catchThrowable(() -> mapper.readTree("[".repeat(100) + "]".repeat(100))))
                .hasMessageContaining("nesting depth");
    }

    @Test
    void aRejectedValueIsNeverRepeated() {
        String huge = "x".repeat(10_000) + "\\u0000";
        FieldProblem problem = problem("{\"text\": \"" + huge + "\"}");
        assertThat(problem.message()).hasSizeLessThan(300).doesNotContain("xxxx");
        assertThat(problem("{\"kind\": \"" + "Q".repeat(5000) + "\"}").message()).hasSizeLessThan(300);
    }

    @Test
    void textRuleAcceptsWordsFromEveryScript() {
        assertThat(TextRule.violation("Bridge the Gap — «care» 子ども مرحبا 👩🏽‍⚕️ \u200d\ufffd")).isEmpty();
        assertThat(TextRule.violation("\ud83d")).get().asString().contains("lone surrogate");
        assertThat(TextRule.violation("\ufdd0")).get().asString().contains("noncharacter");
        assertThat(TextRule.violation("\udbff\udfff")).get().asString().contains("noncharacter U+10FFFF");
    }
}
