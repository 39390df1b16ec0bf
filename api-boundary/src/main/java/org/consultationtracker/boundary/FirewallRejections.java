package org.consultationtracker.boundary;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import java.io.IOException;
import java.util.List;

/**
 * Requests Spring Security's firewall refuses (a path with {@code ;}, {@code %25}, {@code //}, {@code ..}, a header
 * value with control characters, an unusual method), answered as problem+json naming what was refused.
 */
public class FirewallRejections implements RequestRejectedHandler {

    static final String HEADER_RULE = "must hold only printable characters";
    static final String PATH_RULE = "must not contain ';', '%25', '%2E', '%2F', '%5C', '//', '..' segments, "
            + "NUL or other control characters";

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        ProblemJson.write(response, 400, "Bad request", "The request was refused; nothing was recorded.",
                List.of(problemOf(e)));
    }

    public static FieldProblem problemOf(RequestRejectedException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.contains("header")) {
            return new FieldProblem("headers", "every header name and value " + HEADER_RULE);
        }
        if (message.contains("method")) {
            return new FieldProblem("method", "must be one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
        }
        if (message.contains("parameter")) {
            return new FieldProblem("query", "every parameter name and value " + HEADER_RULE);
        }
        if (message.contains("host")) {
            return new FieldProblem("Host", "must be a host name this service answers to");
        }
        return new FieldProblem("path", PATH_RULE);
    }
}
