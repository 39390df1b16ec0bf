package org.consultationtracker.command.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

/**
 * Stateless HTTP Basic over the configured users, and which roles may call which endpoint. A reviewer reads and never
 * writes, so no write rule names REVIEWER. "Only for themselves" rules for participant accounts (their own proposal,
 * attendance, key points, consent) are checked in the controllers, which know the participant named in the body.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsultationUsers.class)
public class SecurityConfiguration {

    private static final String ADMIN = Role.ADMIN.name();
    private static final String FACILITATOR = Role.FACILITATOR.name();
    private static final String NOTE_TAKER = Role.NOTE_TAKER.name();
    private static final String PARTICIPANT = Role.PARTICIPANT.name();

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ObjectMapper objectMapper) throws Exception {
        ProblemResponses problems = new ProblemResponses(objectMapper);
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .cors(Customizer.withDefaults()) // the query side's web interface, see BrowserOrigins
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(rules -> rules
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**",
                                "/actuator/health/**", "/actuator/prometheus", "/error").permitAll()
                        .requestMatchers(GET, "/api/participants/*/personal-data").hasAnyRole(ADMIN, PARTICIPANT)
                        // consultation set-up
                        .requestMatchers(POST, "/api/consultations", "/api/consultations/*/stakeholder-groups",
                                "/api/consultations/*/sessions").hasAnyRole(ADMIN, FACILITATOR)
                        .requestMatchers(POST, "/api/consultations/*/ideas")
                        .hasAnyRole(ADMIN, FACILITATOR, NOTE_TAKER, PARTICIPANT)
                        // participants: registration by staff; consent and erasure also by the person themselves
                        .requestMatchers(POST, "/api/participants").hasAnyRole(ADMIN, FACILITATOR)
                        .requestMatchers(POST, "/api/participants/*/consents", "/api/participants/*/erasure")
                        .hasAnyRole(ADMIN, FACILITATOR, PARTICIPANT)
                        // the agenda marketplace: participants put their own proposals up, facilitators run the rest
                        .requestMatchers(POST, "/api/agendas/*/proposals").hasAnyRole(ADMIN, FACILITATOR, PARTICIPANT)
                        .requestMatchers(POST, "/api/agendas/**").hasAnyRole(ADMIN, FACILITATOR)
                        .requestMatchers(PUT, "/api/agendas/**").hasAnyRole(ADMIN, FACILITATOR)
                        // conversations: note-takers record; participants join, leave, record and fix their own points
                        .requestMatchers(POST, "/api/conversations/*/start", "/api/conversations/*/participants",
                                "/api/conversations/*/departures", "/api/conversations/*/key-points",
                                "/api/conversations/*/key-points/*/edits",
                                "/api/conversations/*/plenary-contributions")
                        .hasAnyRole(ADMIN, FACILITATOR, NOTE_TAKER, PARTICIPANT)
                        .requestMatchers(POST, "/api/conversations/**").hasAnyRole(ADMIN, FACILITATOR, NOTE_TAKER)
                        // the report is the review team's, who work as facilitators here
                        .requestMatchers(POST, "/api/reports", "/api/reports/**").hasAnyRole(ADMIN, FACILITATOR)
                        .requestMatchers(PUT, "/api/reports/**").hasAnyRole(ADMIN, FACILITATOR)
                        .requestMatchers(GET, "/api/**").authenticated()
                        .anyRequest().denyAll())
                .build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    UserDetailsService consultationUserDetails(ConsultationUsers configured) {
        Map<String, ConsultationUser> users = configured.users().stream()
                .map(ConsultationUser::new)
                .collect(Collectors.toUnmodifiableMap(ConsultationUser::getUsername, Function.identity()));
        return username -> {
            ConsultationUser user = users.get(username);
            if (user == null) {
                throw new UsernameNotFoundException("no user " + username);
            }
            return user;
        };
    }
}
