package org.consultationtracker.command.gate;

import org.consultationtracker.command.lookup.LookupUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * 503 when the lookup could not be brought up to date, whether the web gate or a command found it so. Ordered first:
 * the API's own mapping answers every exception it does not know with 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class LookupUnavailableProblem {

    private static final Logger log = LoggerFactory.getLogger(LookupUnavailableProblem.class);
    static final String RETRY_AFTER_SECONDS = "1";

    @ExceptionHandler(LookupUnavailable.class)
    ResponseEntity<ProblemDetail> unavailable(LookupUnavailable e) {
        log.warn("Refused a request: {}", e.getMessage(), e.getCause());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The service could not bring its record of earlier events up to date, so the request was not "
                        + "judged and nothing was recorded. Retry shortly.");
        problem.setTitle("Temporarily unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(problem);
    }
}
