package org.consultationtracker.access;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.consultationtracker.boundary.ProblemJson;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;

/**
 * 401 and 403 as {@code application/problem+json}, like every other refusal of the API, written here because the
 * security filters answer before any controller advice runs. The 401 names the way in: sign in once, then send the
 * session cookie or the bearer token.
 */
final class AccessProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String SIGN_IN = "Sign in first: POST /api/session (browser, cookie) or POST /api/tokens (API "
            + "client, then send 'Authorization: Bearer <token>').";

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        unauthorized(response, "Authentication required", SIGN_IN);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        ProblemJson.write(response, 403, "Forbidden", "Your role may not " + request.getMethod() + " this resource.",
                null);
    }

    static void unauthorized(HttpServletResponse response, String title, String detail) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"consultation-tracker\"");
        ProblemJson.write(response, 401, title, detail, null);
    }
}
