package org.consultationtracker.access;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.RequestBuilder;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consultationtracker.access.Instance.bearer;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** The security headers on every kind of answer: a page, an API read, a sign-in, and each kind of refusal. */
class AccessHeadersTest {

    private static Instance app;

    @BeforeAll
    static void start() {
        app = Instance.start(TestMongo.freshDatabase(), new TestClock());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() throws Exception {
        String token = app.token("rita", "reviewer-pass");
        Instance.BrowserSession session = app.signIn("fiona", "facilitator-pass");
        Map<String, RequestBuilder> requests = new LinkedHashMap<>();
        requests.put("a page", get("/").accept(MediaType.TEXT_HTML));
        requests.put("an API read", get("/api/things").header("Authorization", bearer(token)));
        requests.put("a sign-in", post("/api/session").contentType(MediaType.APPLICATION_JSON)
                .content(Instance.credentials("rita", "reviewer-pass")));
        requests.put("a 401 without credentials", get("/api/things"));
        requests.put("a 401 for HTTP Basic", get("/api/things").header("Authorization", "Basic YTpi"));
        requests.put("a 401 for an unknown token", get("/api/things").header("Authorization",
                bearer("ct_" + "D".repeat(43))));
        requests.put("a 401 for a wrong password", post("/api/tokens").contentType(MediaType.APPLICATION_JSON)
                .content(Instance.credentials("rita", "wrong")));
        requests.put("a 403 for a role", post("/api/things").header("Authorization", bearer(token)));
        requests.put("a 403 for a missing CSRF token", post("/api/things").cookie(session.cookie()));
        requests.put("a 400 sign-in", post("/api/session").contentType(MediaType.APPLICATION_JSON).content("{}"));

        for (Map.Entry<String, RequestBuilder> request : requests.entrySet()) {
            MockHttpServletResponse response = app.mvc.perform(request.getValue()).andReturn().getResponse();
            String what = request.getKey() + " (" + response.getStatus() + ")";

            String policy = response.getHeader("Content-Security-Policy");
            assertThat(policy).as(what).isNotNull();
            String scriptSrc = directive(policy, "script-src");
            assertThat(scriptSrc).as(what).isNotNull().doesNotContain("'unsafe-inline'")
                    .doesNotContain("'unsafe-eval'").doesNotContain("*").doesNotContain("data:");
            assertThat(directive(policy, "frame-ancestors")).as(what).isEqualTo("frame-ancestors 'none'");
            assertThat(directive(policy, "object-src")).as(what).isEqualTo("object-src 'none'");
            assertThat(response.getHeader("Referrer-Policy")).as(what).isEqualTo("no-referrer");
            assertThat(response.getHeader("Permissions-Policy")).as(what).contains("camera=()")
                    .contains("microphone=()").contains("geolocation=()");
            assertThat(response.getHeader("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
            assertThat(response.getHeader("X-Frame-Options")).as(what).isEqualTo("DENY");
        }
    }

    @Test
    void onlySwaggerUiMayStyleInlineAndNothingRunsInlineScript() throws Exception {
        MockHttpServletResponse swagger = app.mvc.perform(get("/swagger-ui/index.html")).andReturn().getResponse();
        String policy = swagger.getHeader("Content-Security-Policy");
        assertThat(directive(policy, "style-src")).contains("'unsafe-inline'");
        assertThat(directive(policy, "script-src")).isEqualTo("script-src 'self'");

        MockHttpServletResponse page = app.mvc.perform(get("/")).andReturn().getResponse();
        assertThat(directive(page.getHeader("Content-Security-Policy"), "style-src")).isEqualTo("style-src 'self'");
    }

    private static String directive(String policy, String name) {
        return Arrays.stream(policy.split(";")).map(String::trim)
                .filter(d -> d.equals(name) || d.startsWith(name + " ")).findFirst().orElse(null);
    }
}
