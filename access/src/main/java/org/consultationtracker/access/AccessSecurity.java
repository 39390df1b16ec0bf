package org.consultationtracker.access;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * What both services' security filter chains share: how a request is authenticated (session cookie, our bearer
 * token, an external provider's token when configured; never a password), the problem+json 401/403, the security
 * headers, and the rules for sign-in, health and metrics. Each service adds its own endpoint rules after
 * {@link #rules}.
 */
public final class AccessSecurity {

    /** The authority a metrics scraper holds: Prometheus' scrape endpoint and nothing else. */
    public static final String METRICS_SCRAPER = "METRICS_SCRAPER";

    /**
     * Every role of an account: "any signed-in person", which the metrics scraper (authenticated, but nobody) is not.
     */
    public static final String[] ACCOUNT_ROLES = AccessProperties.ROLES.toArray(String[]::new);

    private final AccessFilter filter;
    private final AccessProblems problems = new AccessProblems();
    private final SecurityHeaders headers;
    private final JwtDecoder externalTokens;
    private final ExternalAccounts externalAccounts;

    AccessSecurity(AccessFilter filter, SecurityHeaders headers, JwtDecoder externalTokens,
                   ExternalAccounts externalAccounts) {
        this.filter = filter;
        this.headers = headers;
        this.externalTokens = externalTokens;
        this.externalAccounts = externalAccounts;
    }

    /** Authentication, problems and headers; CSRF is the {@link AccessFilter}'s (cookie sessions only). */
    public HttpSecurity apply(HttpSecurity http) throws Exception {
        http.csrf(AbstractHttpConfigurer::disable)
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .httpBasic(AbstractHttpConfigurer::disable)
            .formLogin(AbstractHttpConfigurer::disable)
            .logout(AbstractHttpConfigurer::disable)
            .requestCache(AbstractHttpConfigurer::disable)
            .addFilterBefore(filter, BearerTokenAuthenticationFilter.class)
            .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
            .headers(h -> h.addHeaderWriter(headers));
        if (externalTokens != null) {
            http.oauth2ResourceServer(server -> server
                    .bearerTokenResolver(externalOnly())
                    .authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems)
                    .jwt(jwt -> jwt.decoder(externalTokens).jwtAuthenticationConverter(externalAccounts)));
        }
        return http;
    }

    /**
     * Sign-in is open; the session is the signed-in user's; lockouts are the admin's. Health answers everyone with
     * its status only (details for admins, see management.endpoint.health.show-details); metrics need an admin or
     * the scrape credential; every other actuator endpoint an admin.
     */
    public void rules(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers(HttpMethod.POST, "/api/session", "/api/tokens").permitAll()
             .requestMatchers(HttpMethod.GET, "/api/session").hasAnyRole(ACCOUNT_ROLES)
             .requestMatchers(HttpMethod.DELETE, "/api/session").hasAnyRole(ACCOUNT_ROLES)
             .requestMatchers("/api/sign-in-lockouts", "/api/sign-in-lockouts/**").hasRole("ADMIN")
             .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
             .requestMatchers(HttpMethod.GET, "/actuator/prometheus").hasAnyRole("ADMIN", METRICS_SCRAPER)
             .requestMatchers("/actuator/**").hasRole("ADMIN");
    }

    /** The provider's tokens only: ours were handled by the filter, and a request already authenticated is done. */
    private static BearerTokenResolver externalOnly() {
        DefaultBearerTokenResolver standard = new DefaultBearerTokenResolver();
        return request -> {
            if (SecurityContextHolder.getContext().getAuthentication() != null) {
                return null;
            }
            String token = standard.resolve(request);
            return token == null || token.startsWith(SessionStore.TOKEN_PREFIX) ? null : token;
        };
    }
}
