package org.consultationtracker.boundary;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** A wildcard Content-Type is a 415 naming the header, not a failure deep in Spring MVC. */
class WildcardContentTypeTest {

    private MockHttpServletResponse send(String contentType, MockFilterChain chain) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/consultations");
        if (contentType != null) {
            request.setContentType(contentType);
        }
        request.setContent("{}".getBytes());
        MockHttpServletResponse response = new MockHttpServletResponse();
        new WildcardContentType().doFilter(request, response, chain);
        return response;
    }

    @Test
    void aWildcardTypeIsRefusedNamingTheHeader() throws Exception {
        for (String type : new String[]{"*/*", "application/*", "application/*+json", "*/*; charset=utf-8"}) {
            MockFilterChain chain = new MockFilterChain();
            MockHttpServletResponse response = send(type, chain);
            assertThat(response.getStatus()).as(type).isEqualTo(415);
            assertThat(response.getContentType()).startsWith(ProblemJson.MEDIA_TYPE);
            assertThat(response.getContentAsString())
                    .contains("\"field\":\"Content-Type\"", "\"message\":\"" + WildcardContentType.RULE + "\"");
            assertThat(chain.getRequest()).as("not passed on").isNull();
        }
    }

    @Test
    void otherTypesPassOn() throws Exception {
        for (String type : new String[]{"application/json", "text/plain", "json", null}) {
            MockFilterChain chain = new MockFilterChain();
            send(type, chain);
            assertThat(chain.getRequest()).as(String.valueOf(type)).isNotNull();
        }
    }
}
