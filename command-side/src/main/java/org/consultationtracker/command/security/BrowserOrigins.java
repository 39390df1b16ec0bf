package org.consultationtracker.command.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import java.time.Duration;
import java.util.List;

/**
 * The web interface is served by the query side and its facilitator screens write here from the browser: CORS lets
 * exactly the query side's origins ({@code consultation.ui.origins}) call {@code /api/**}, nothing else. The browser
 * is authenticated by the session cookie the query side set at sign-in (cookies belong to the host, not the port), so
 * CORS allows credentials for those origins only, and every write also carries the session's CSRF token.
 */
@Configuration(proxyBeanMethods = false)
class BrowserOrigins {

    @Bean
    CorsConfigurationSource corsConfigurationSource(
            @Value("${consultation.ui.origins:http://127.0.0.1:8082,http://localhost:8082}") List<String> origins) {
        CorsConfiguration api = new CorsConfiguration();
        api.setAllowedOrigins(origins);
        api.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE"));
        api.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key", "X-CSRF-Token"));
        api.setAllowCredentials(true); // the session cookie, with the CSRF token in a header for every write
        api.setExposedHeaders(List.of("Location", "Idempotent-Replayed"));
        api.setMaxAge(Duration.ofMinutes(30));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", api);
        return source;
    }
}
