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
 * A write (POST, PUT, PATCH, DELETE) whose {@code Accept} header rules out JSON is refused with 406 before it runs.
 * Every write answers JSON; Spring MVC would find out only when writing the answer, after the command was recorded,
 * and tell the client 406 (nothing recorded) for a write that was in fact recorded.
 */
public class JsonAnswersOnly extends OncePerRequestFilter {

    static final String RULE = "must accept application/json or application/problem+json";
    private static final List<MediaType> ANSWERS = List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return !("POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method) || "DELETE".equals(method));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!acceptsJson(request.getHeaders("Accept"))) {
            ProblemJson.write(response, 406, "Not Acceptable",
                    "Every answer of this service is JSON; nothing was recorded.",
                    List.of(new FieldProblem("Accept", RULE)));
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean acceptsJson(java.util.Enumeration<String> acceptHeaders) {
        if (acceptHeaders == null || !acceptHeaders.hasMoreElements()) {
            return true;
        }
        boolean any = false;
        while (acceptHeaders.hasMoreElements()) {
            String header = acceptHeaders.nextElement();
            if (header == null || header.isBlank()) {
                continue;
            }
            any = true;
            List<MediaType> accepted;
            try {
                accepted = MediaType.parseMediaTypes(header);
            } catch (InvalidMediaTypeException e) {
                return false;
            }
            for (MediaType type : accepted) {
                if (type.getQualityValue() > 0 && ANSWERS.stream().anyMatch(type::isCompatibleWith)) {
                    return true;
                }
            }
        }
        return !any;
    }
}
