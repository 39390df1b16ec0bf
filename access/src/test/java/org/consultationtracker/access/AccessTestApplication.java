package org.consultationtracker.access;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

/**
 * A service in miniature, secured the way both real services are: {@code access.apply(http)}, then
 * {@code access.rules(rules)}, then its own rules. Reviewers and up read {@code /api/things}, facilitators and
 * admins write it. The store is the shared in-memory MongoDB ({@link TestMongo}); the time is a {@link TestClock}
 * registered by {@link Instance}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class AccessTestApplication {

    @Bean
    SecurityFilterChain testSecurity(HttpSecurity http, AccessSecurity access) throws Exception {
        return access.apply(http)
                .authorizeHttpRequests(rules -> {
                    access.rules(rules);
                    rules.requestMatchers(GET, "/", "/error").permitAll()
                         .requestMatchers(GET, "/api/things").hasAnyRole("ADMIN", "FACILITATOR", "NOTE_TAKER",
                                 "REVIEWER")
                         .requestMatchers(POST, "/api/things").hasAnyRole("ADMIN", "FACILITATOR")
                         .requestMatchers(GET, "/api/whoami").hasAnyRole(AccessSecurity.ACCOUNT_ROLES)
                         .anyRequest().denyAll();
                })
                .build();
    }

    @Bean(destroyMethod = "close")
    MongoClient mongoClient(@Value("${test.mongo.uri}") String uri) {
        return MongoClients.create(uri);
    }

    @Bean
    MongoDatabase mongoDatabase(MongoClient client, @Value("${test.mongo.database}") String name) {
        return client.getDatabase(name);
    }

    @Bean
    AccessClock accessClock(TestClock clock) {
        return new AccessClock(clock);
    }

    /**
     * The service's own endpoints (registered as a member component of this configuration); {@link #writes} tells
     * whether a write ever reached the controller.
     */
    @RestController
    static class Things {

        final AtomicInteger writes = new AtomicInteger();

        @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
        String page() {
            return "<!doctype html><title>things</title><script src=\"/app.js\"></script>";
        }

        @GetMapping(path = "/api/things", produces = MediaType.APPLICATION_JSON_VALUE)
        List<String> list() {
            return List.of("first thing");
        }

        @PostMapping(path = "/api/things", produces = MediaType.APPLICATION_JSON_VALUE)
        ResponseEntity<Map<String, Object>> add() {
            int count = writes.incrementAndGet();
            return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("written", count));
        }

        /** The {@link Account} the request was authenticated as. */
        @GetMapping(path = "/api/whoami", produces = MediaType.APPLICATION_JSON_VALUE)
        Account whoami(Authentication authentication) {
            return AccountAuthentication.of(authentication).orElseThrow();
        }
    }
}
