package org.consultationtracker.boundary;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;

/**
 * Refuses an API write whose {@code Accept} header excludes JSON before it is handled. Spring would notice only when
 * writing the answer - after the write had been recorded - and answer 406 for a command that happened.
 */
public class AcceptableAnswers extends OncePerRequestFilter {

    static final String RULE = "must accept application/json or application/problem+json";
    private static final List<MediaType> ANSWERS = List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);
    /** Reads change nothing, and some answer in CSV: Spring's own negotiation is enough for them. */
    private static final List<String> READS = List.of("GET", "HEAD", "OPTIONS");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/") || READS.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String accept = request.getHeader("Accept");
        if (accept != null && !accept.isBlank() && !acceptsJson(accept)) {
            ProblemJson.write(response, 406, "Not acceptable",
                    "This API answers in JSON only; nothing was recorded.", List.of(new FieldProblem("Accept", RULE)));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean acceptsJson(String accept) {
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(type -> ANSWERS.stream().anyMatch(type::isCompatibleWith));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
