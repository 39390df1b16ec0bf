package org.consultationtracker.boundary;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** A write that would not take a JSON answer is refused before it runs, not after. */
class JsonAnswersOnlyTest {

    private MockFilterChain send(String method, String accept, MockHttpServletResponse response) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, "/api/consultations");
        if (accept != null) {
            request.addHeader("Accept", accept);
        }
        MockFilterChain chain = new MockFilterChain();
        new JsonAnswersOnly().doFilter(request, response, chain);
        return chain;
    }

    @Test
    void aWriteThatRulesOutJsonIsRefusedBeforeItRuns() throws Exception {
        for (String accept : new String[]{"text/html", "image/png", "application/xml, text/plain",
                "application/json;q=0", "text/html;q=1, */*;q=0", "not a type"}) {
            MockHttpServletResponse response = new MockHttpServletResponse();
            MockFilterChain chain = send("POST", accept, response);
            assertThat(chain.getRequest()).as(accept).isNull();
            assertThat(response.getStatus()).isEqualTo(406);
            assertThat(response.getContentAsString()).contains("\"field\":\"Accept\"");
        }
    }

    @Test
    void aWriteThatTakesJsonAndEveryReadPassOn() throws Exception {
        for (String accept : new String[]{null, "", "*/*", "application/json", "application/*",
                "text/html, application/json;q=0.1", "application/problem+json", "application/*+json"}) {
            assertThat(send("PUT", accept, new MockHttpServletResponse()).getRequest()).as(accept).isNotNull();
        }
        assertThat(send("GET", "text/csv", new MockHttpServletResponse()).getRequest()).isNotNull();
    }
}
