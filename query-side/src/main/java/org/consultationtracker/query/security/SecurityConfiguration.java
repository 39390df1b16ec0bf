package org.consultationtracker.query.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import java.io.IOException;
import java.util.List;

/**
 * HTTP Basic against the configured users. Reads need reviewer or above; rebuilding read models needs admin.
 * Health, metrics for Prometheus and the OpenAPI description are open.
 */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET) // not for --replay without a web server
public class SecurityConfiguration {

    @Bean
    public PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    public UserDetailsService users(SecurityProperties properties) {
        List<UserDetails> users = properties.users().stream()
                .map(user -> User.withUsername(user.username())
                                 .password(user.passwordHash())
                                 .roles(user.roles().stream().map(role -> Role.valueOf(role).name())
                                            .toArray(String[]::new))
                                 .build())
                .toList();
        return new InMemoryUserDetailsManager(users);
    }

    @Bean
    public SecurityFilterChain queryApiSecurity(HttpSecurity http, ObjectMapper objectMapper) throws Exception {
        return http
                .csrf(csrf -> csrf.disable()) // stateless API with Basic credentials on every request, no cookies
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health/**", "/actuator/prometheus", "/v3/api-docs/**",
                                         "/swagger-ui/**", "/swagger-ui.html", "/error").permitAll()
                        // the web interface's static pages and ECharts load unauthenticated; its data calls do not
                        .requestMatchers(HttpMethod.GET, "/", "/*.html", "/css/**", "/js/**", "/images/**",
                                         "/webjars/**", "/favicon.ico").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/me").authenticated()
                        .requestMatchers("/api/replays/**", "/api/replays", "/api/read-models/**",
                                         "/api/parked-events", "/api/parked-events/**").hasRole(Role.ADMIN.name())
                        // a participant's own data: the controller lets a participant account read only its own
                        .requestMatchers(HttpMethod.GET, "/api/participants/*/voice-trail")
                        .hasAnyRole(Role.ADMIN.name(), Role.FACILITATOR.name(), Role.NOTE_TAKER.name(),
                                    Role.REVIEWER.name(), Role.PARTICIPANT.name())
                        .requestMatchers(HttpMethod.GET, "/api/participants/*/export")
                        .hasAnyRole(Role.ADMIN.name(), Role.PARTICIPANT.name())
                        .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(Role.READERS)
                        .anyRequest().denyAll())
                .httpBasic(Customizer.withDefaults())
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((request, response, e) -> {
                            response.setHeader("WWW-Authenticate", "Basic realm=\"consultation-tracker\"");
                            problem(response, objectMapper, HttpStatus.UNAUTHORIZED,
                                    "Sign in with HTTP Basic to read the consultation's records.");
                        })
                        .accessDeniedHandler((request, response, e) -> problem(
                                response, objectMapper, HttpStatus.FORBIDDEN,
                                "Your role may not do this: reading needs reviewer or above, rebuilding needs admin.")))
                .build();
    }

    private static void problem(HttpServletResponse response, ObjectMapper objectMapper, HttpStatus status,
                                String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), ProblemDetail.forStatusAndDetail(status, detail));
    }
}
