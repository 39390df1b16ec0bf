package org.consultationtracker.access;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.header.HeaderWriter;

import java.util.List;
import java.util.function.Function;

/**
 * The headers every answer carries beyond Spring Security's defaults (nosniff, frame denial, no-store for the API,
 * HSTS over HTTPS): a Content-Security-Policy without inline script, a Referrer-Policy that sends nothing, and a
 * Permissions-Policy that turns off what the product never uses. Swagger UI's page styles itself inline, so only its
 * own paths allow inline style — never inline script.
 */
final class SecurityHeaders implements HeaderWriter {

    static final String PERMISSIONS = "accelerometer=(), camera=(), display-capture=(), geolocation=(), "
            + "gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

    private final Function<HttpServletRequest, List<String>> connectSources;

    /** @param connectSources other origins a page may call (the query side's pages call the command side) */
    SecurityHeaders(Function<HttpServletRequest, List<String>> connectSources) {
        this.connectSources = connectSources;
    }

    @Override
    public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", policy(request));
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Permissions-Policy", PERMISSIONS);
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    }

    String policy(HttpServletRequest request) {
        String path = request.getRequestURI();
        boolean swagger = path.startsWith("/swagger-ui");
        // an exported report is one self-contained file: its print styles are inline (it holds no script)
        boolean exportedDocument = path.startsWith("/api/exports/reports/");
        StringBuilder connect = new StringBuilder("'self'");
        for (String origin : connectSources.apply(request)) {
            connect.append(' ').append(origin);
        }
        return "default-src 'self'; script-src 'self'; style-src 'self'"
                + (swagger || exportedDocument ? " 'unsafe-inline'" : "")
                + "; img-src 'self' data:; font-src 'self'; connect-src " + connect
                + "; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }
}
