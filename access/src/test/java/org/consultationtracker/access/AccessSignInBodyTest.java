package org.consultationtracker.access;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Sign-in bodies that are not a user name and a password: 400 naming the field, never a 500, nothing stored. */
class AccessSignInBodyTest {

    private static Instance app;

    @BeforeAll
    static void start() {
        app = Instance.start(TestMongo.freshDatabase(), new TestClock());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @BeforeEach
    void clean() {
        app.clearStore();
    }

    static Stream<Arguments> badBodies() {
        String longName = "n".repeat(101);
        return Stream.of(
                Arguments.of("{}", "username"),
                Arguments.of("{\"password\":\"facilitator-pass\"}", "username"),
                Arguments.of("{\"username\":\"fiona\"}", "password"),
                Arguments.of("{\"username\":\"\",\"password\":\"facilitator-pass\"}", "username"),
                Arguments.of("{\"username\":\"   \",\"password\":\"facilitator-pass\"}", "username"),
                Arguments.of("{\"username\":null,\"password\":\"facilitator-pass\"}", "username"),
                Arguments.of("{\"username\":\"fiona\",\"password\":\"\"}", "password"),
                Arguments.of("{\"username\":\"" + longName + "\",\"password\":\"facilitator-pass\"}", "username"),
                Arguments.of("{\"username\":\"fiona\",\"password\":\"" + "p".repeat(1001) + "\"}", "password"),
                Arguments.of("username=fiona&password=facilitator-pass", "body"),
                Arguments.of("{\"username\":\"fiona\",\"password\":", "body"),
                Arguments.of("", "body"),
                Arguments.of("null", "body"),
                Arguments.of("[]", "body"),
                Arguments.of("{\"username\":\"rita\",\"username\":\"fiona\",\"password\":\"facilitator-pass\"}",
                        "username"),
                Arguments.of("{\"username\":\"fiona\",\"password\":\"x\",\"password\":\"facilitator-pass\"}",
                        "password"),
                Arguments.of("{\"username\":42,\"password\":\"facilitator-pass\"}", "username"),
                Arguments.of("{\"username\":\"fiona\",\"password\":[\"facilitator-pass\"]}", "password"),
                Arguments.of("{\"username\":\"fiona\",\"password\":\"facilitator-pass\",\"admin\":true}", "admin"),
                Arguments.of("{\"username\":\"fiona\",\"password\":\"facilitator-pass\"} {}", "body"));
    }

    @ParameterizedTest
    @MethodSource("badBodies")
    void aBadSessionSignInIs400NamingTheField(String body, String field) throws Exception {
        refused("/api/session", body, field);
    }

    @ParameterizedTest
    @MethodSource("badBodies")
    void aBadTokenRequestIs400NamingTheField(String body, String field) throws Exception {
        refused("/api/tokens", body, field);
    }

    private static void refused(String path, String body, String field) throws Exception {
        MockHttpServletResponse response = app.mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON)
                .content(body.getBytes(StandardCharsets.UTF_8))).andReturn().getResponse();

        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(400);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        String answer = response.getContentAsString(StandardCharsets.UTF_8);
        assertThat(answer).contains("\"field\":\"" + field + "\"").doesNotContain("facilitator-pass");
        assertThat(response.getHeader("Set-Cookie")).isNull();
        assertThat(app.sessionDocuments()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/session", "/api/tokens"})
    void aPasswordLongerThanBcryptReadsIsRefusedAsWrong(String path) throws Exception {
        for (String password : new String[]{"p".repeat(73), "facilitator-pass" + "x".repeat(57),
                "\u00e9".repeat(37), "p".repeat(1000)}) {
            MockHttpServletResponse response = app.mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON)
                    .content(Instance.credentials("fiona", password))).andReturn().getResponse();
            assertThat(response.getStatus()).as(password.length() + " characters").isEqualTo(401);
            assertThat(response.getContentType()).startsWith("application/problem+json");
        }
        app.clearStore(); // the four failures above count against fiona
        MockHttpServletResponse unknown = app.mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON)
                .content(Instance.credentials("nobody", "q".repeat(80)))).andReturn().getResponse();
        assertThat(unknown.getStatus()).isEqualTo(401);
        assertThat(app.sessionDocuments()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/session", "/api/tokens"})
    void aHundredCharacterNameIsAllowedButUnknown(String path) throws Exception {
        MockHttpServletResponse response = app.mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON)
                .content(Instance.credentials("n".repeat(100), "whatever"))).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/session", "/api/tokens"})
    void anotherContentTypeIsAClientErrorNotAServerError(String path) throws Exception {
        for (MediaType type : new MediaType[]{MediaType.TEXT_PLAIN, MediaType.APPLICATION_FORM_URLENCODED}) {
            MockHttpServletResponse response = app.mvc.perform(post(path).contentType(type)
                    .content("username=fiona&password=facilitator-pass")).andReturn().getResponse();
            assertThat(response.getStatus()).as(type.toString()).isEqualTo(415);
        }
        assertThat(app.sessionDocuments()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/session", "/api/tokens"})
    void aHugeBodyIs413(String path) throws Exception {
        String body = "{\"username\":\"fiona\",\"password\":\"" + "p".repeat(2 * 1024 * 1024) + "\"}";
        MockHttpServletResponse response = app.mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON)
                .content(body)).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(app.sessionDocuments()).isZero();
    }
}
