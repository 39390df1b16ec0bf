package org.consultationtracker.access;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * The browser's session cookie: HttpOnly (no script can read it), SameSite=Strict (no other site's page makes the
 * browser send it), Path=/. Cookies are scoped to a host, not a port, so the cookie set by the query side on
 * 127.0.0.1 also reaches the command side on 127.0.0.1 — which is how the web interface's writes are authenticated.
 * A deployment serves both services under one host (or sets a cookie domain in front of them).
 */
final class SessionCookie {

    private final AccessProperties.Cookie settings;

    SessionCookie(AccessProperties.Cookie settings) {
        this.settings = settings;
    }

    String read(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (settings.name().equals(cookie.getName()) && cookie.getValue() != null && !cookie.getValue().isEmpty()) {
                return cookie.getValue();
            }
        }
        return null;
    }

    void write(HttpServletRequest request, HttpServletResponse response, String token) {
        response.addHeader(HttpHeaders.SET_COOKIE, base(request, token).build().toString());
    }

    void clear(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader(HttpHeaders.SET_COOKIE, base(request, "").maxAge(0).build().toString());
    }

    private ResponseCookie.ResponseCookieBuilder base(HttpServletRequest request, String value) {
        boolean secure = switch (settings.secure()) {
            case "always" -> true;
            case "never" -> false;
            default -> request.isSecure();
        };
        return ResponseCookie.from(settings.name(), value).httpOnly(true).secure(secure).sameSite("Strict").path("/");
    }
}
