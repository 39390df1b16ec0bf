package org.consultationtracker.boundary;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** What Tomcat refuses before any application code runs is named for what it is: path, headers, method or request. */
class ContainerErrorValveTest {

    @ParameterizedTest(name = "{0} / {1} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            Invalid URI | -                                                                      | 400 | path
            -           | Invalid character found in the request target [/a{]                    | 400 | path
            -           | Request header is too large                                            | 400 | headers
            -           | The HTTP header line [X-Bad: a] does not conform to RFC 9112           | 400 | headers
            -           | The request contained multiple content-length headers                  | 400 | headers
            -           | The request contained a content-length header with a non-numeric value | 400 | headers
            -           | The HTTP request contained an invalid host header [a b]                | 400 | headers
            -           | Invalid character found in method name [\\x16]. HTTP method names must be tokens | 400 | method
            -           | -                                                                      | 400 | path
            """)
    void aRefusalByTheContainerNamesWhatWasRefused(String message, String cause, int status, String field) {
        String problem = ContainerErrorValve.problem(status, message,
                cause == null ? null : new IllegalArgumentException(cause), true);
        assertThat(problem).contains("\"field\":\"" + field + "\"").doesNotContain("\\x16").doesNotContain("[a b]");
    }
}
