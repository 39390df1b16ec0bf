package org.consultationtracker.command.security;

import org.consultationtracker.access.AccessSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

/**
 * Which roles may call which endpoint; how a request is authenticated (sign-in once, then a session cookie or a
 * bearer token, or an external provider's token) is the access module's. A reviewer reads and never writes, so no
 * write rule names REVIEWER. "Only for themselves" rules for participant accounts (their own proposal, attendance,
 * key points, consent, data) are checked in the controllers, which know the participant named in the request.
 * docs/access-matrix.md is the rule list; RoleMatrixTest (system-tests) holds it against this configuration.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    private static final String ADMIN = Role.ADMIN.name();
    private static final String FACILITATOR = Role.FACILITATOR.name();
    private static final String NOTE_TAKER = Role.NOTE_TAKER.name();
    private static final String PARTICIPANT = Role.PARTICIPANT.name();

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, AccessSecurity access) throws Exception {
        return access.apply(http)
                .cors(Customizer.withDefaults()) // the query side's web interface, see BrowserOrigins
                .authorizeHttpRequests(rules -> {
                    access.rules(rules);
                    rules.requestMatchers(GET, "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
                                    "/swagger-ui/**", "/error").permitAll()
                         // a participant reads only their own: checked in ParticipantController
                         .requestMatchers(GET, "/api/participants/*/personal-data").hasAnyRole(ADMIN, PARTICIPANT)
                         // consultation set-up
                         .requestMatchers(POST, "/api/consultations", "/api/consultations/*/stakeholder-groups",
                                 "/api/consultations/*/sessions").hasAnyRole(ADMIN, FACILITATOR)
                         .requestMatchers(POST, "/api/consultations/*/ideas",
                                 "/api/consultations/*/sessions/*/feedback")
                         .hasAnyRole(ADMIN, FACILITATOR, NOTE_TAKER, PARTICIPANT)
                         // participants: registration by staff; consent and erasure also by the person themselves
                         .requestMatchers(POST, "/api/participants").hasAnyRole(ADMIN, FACILITATOR)
                         .requestMatchers(POST, "/api/participants/*/consents", "/api/participants/*/erasure")
                         .hasAnyRole(ADMIN, FACILITATOR, PARTICIPANT)
                         // the agenda marketplace: participants put their own proposals up, facilitators the rest
                         .requestMatchers(POST, "/api/agendas/*/proposals")
                         .hasAnyRole(ADMIN, FACILITATOR, PARTICIPANT)
                         .requestMatchers(POST, "/api/agendas/**").hasAnyRole(ADMIN, FACILITATOR)
                         .requestMatchers(PUT, "/api/agendas/**").hasAnyRole(ADMIN, FACILITATOR)
                         // a merge is never deleted: every account is told (405) to reverse it instead
                         .requestMatchers(DELETE, "/api/agendas/*/merges/*")
                         .hasAnyRole(AccessSecurity.ACCOUNT_ROLES)
                         // conversations: note-takers record; participants join, leave, record and fix their own
                         .requestMatchers(POST, "/api/conversations/*/start", "/api/conversations/*/participants",
                                 "/api/conversations/*/departures", "/api/conversations/*/key-points",
                                 "/api/conversations/*/key-points/*/edits",
                                 "/api/conversations/*/plenary-contributions")
                         .hasAnyRole(ADMIN, FACILITATOR, NOTE_TAKER, PARTICIPANT)
                         .requestMatchers(POST, "/api/conversations/**").hasAnyRole(ADMIN, FACILITATOR, NOTE_TAKER)
                         // the report is the review team's, who work as facilitators here
                         .requestMatchers(POST, "/api/reports", "/api/reports/**").hasAnyRole(ADMIN, FACILITATOR)
                         .requestMatchers(PUT, "/api/reports/**").hasAnyRole(ADMIN, FACILITATOR)
                         .requestMatchers(GET, "/api/**").hasAnyRole(AccessSecurity.ACCOUNT_ROLES)
                         .anyRequest().denyAll();
                })
                .build();
    }
}
