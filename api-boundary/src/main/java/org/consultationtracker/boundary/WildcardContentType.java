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
 * A request whose Content-Type is a wildcard ({@code *}{@code /*}, {@code application/*}) is refused with 415. Spring
 * MVC cannot represent such a type for a request and fails with an exception that would otherwise be answered 500.
 * So is a compressed body ({@code Content-Encoding: gzip}), which would otherwise be read as if it were plain JSON.
 */
public class WildcardContentType extends OncePerRequestFilter {

    static final String RULE = "must be application/json";
    static final String ENCODING_RULE = "must be absent (or identity): bodies are not decompressed";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isWildcard(request.getContentType())) {
            ProblemJson.write(response, 415, "Unsupported Media Type",
                    "The request's Content-Type is not supported; nothing was recorded.",
                    List.of(new FieldProblem("Content-Type", RULE)));
            return;
        }
        String encoding = request.getHeader("Content-Encoding");
        if (encoding != null && !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("identity")) {
            ProblemJson.write(response, 415, "Unsupported Media Type",
                    "Bodies are read as sent, never decompressed; nothing was recorded.",
                    List.of(new FieldProblem("Content-Encoding", ENCODING_RULE)));
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean isWildcard(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.isWildcardType() || type.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false; // Spring MVC refuses an unreadable type itself, with 415
        }
    }
}
