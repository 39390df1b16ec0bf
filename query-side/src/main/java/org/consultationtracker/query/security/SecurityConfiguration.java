package org.consultationtracker.query.security;

import org.consultationtracker.access.AccessSecurity;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may read what. Reads need reviewer or above; rebuilding read models and parked events need admin. The web
 * interface's static files load for anyone; its data calls do not. How a request is authenticated (sign-in once,
 * then the session cookie or a bearer token, or an external provider's token) is the access module's.
 * docs/access-matrix.md is the rule list; RoleMatrixTest (system-tests) holds it against this configuration.
 */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET) // not for --replay without a web server
public class SecurityConfiguration {

    @Bean
    public SecurityFilterChain queryApiSecurity(HttpSecurity http, AccessSecurity access) throws Exception {
        return access.apply(http)
                .authorizeHttpRequests(rules -> {
                    access.rules(rules);
                    rules.requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**",
                                    "/swagger-ui.html", "/error").permitAll()
                         // the web interface's static pages load unauthenticated; its data calls do not
                         .requestMatchers(HttpMethod.GET, "/", "/*.html", "/css/**", "/js/**", "/images/**",
                                 "/webjars/**", "/favicon.ico").permitAll()
                         .requestMatchers(HttpMethod.GET, "/api/me").hasAnyRole(AccessSecurity.ACCOUNT_ROLES)
                         .requestMatchers("/api/replays/**", "/api/replays", "/api/read-models/**",
                                 "/api/parked-events", "/api/parked-events/**").hasRole(Role.ADMIN.name())
                         // a participant's own data: the controller lets a participant account read only its own
                         .requestMatchers(HttpMethod.GET, "/api/participants/*/voice-trail")
                         .hasAnyRole(Role.ADMIN.name(), Role.FACILITATOR.name(), Role.NOTE_TAKER.name(),
                                 Role.REVIEWER.name(), Role.PARTICIPANT.name())
                         .requestMatchers(HttpMethod.GET, "/api/participants/*/export")
                         .hasAnyRole(Role.ADMIN.name(), Role.PARTICIPANT.name())
                         // provenance exports: the review team and those who run the consultation; a participant's
                         // is personal data in bulk (the participant has their own export)
                         .requestMatchers(HttpMethod.GET, "/api/provenance/**")
                         .hasAnyRole(Role.ADMIN.name(), Role.FACILITATOR.name(), Role.REVIEWER.name())
                         .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(Role.READERS)
                         .anyRequest().denyAll();
                })
                .build();
    }
}
