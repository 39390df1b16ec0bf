package org.consultationtracker.access;

import com.mongodb.client.MongoDatabase;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.time.Clock;
import java.util.List;

/**
 * Sign-in, sessions and tokens for a servlet service that has the store's {@link MongoDatabase}. An external
 * identity provider is used when Spring Boot's resource-server settings
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}) make a {@link JwtDecoder}.
 */
@AutoConfiguration(afterName = {
        "org.consultationtracker.eventstore.config.EventStoreAutoConfiguration",
        "org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties({AccessProperties.class, ConfiguredAccounts.class})
@Import(SignInController.class)
public class AccessAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    AccessClock accessClock() {
        return new AccessClock(Clock.systemUTC());
    }

    @Bean
    PasswordCheck passwordCheck(ConfiguredAccounts accounts, AccessProperties properties) {
        return new PasswordCheck(accounts, properties.passwordChecks(), properties.passwordCheckWait());
    }

    @Bean
    SignInThrottle signInThrottle(MongoDatabase database, AccessProperties properties, AccessClock clock) {
        return new SignInThrottle(database, properties, clock.clock());
    }

    @Bean
    SessionStore sessionStore(MongoDatabase database, AccessProperties properties, AccessClock clock,
                              PasswordCheck passwords) {
        return new SessionStore(database, properties, clock.clock(), passwords::current);
    }

    @Bean
    SessionCookie sessionCookie(AccessProperties properties) {
        return new SessionCookie(properties.cookie());
    }

    @Bean
    AccessSecurity accessSecurity(SessionStore sessions, SessionCookie cookie, AccessProperties properties,
                                  ObjectProvider<JwtDecoder> externalTokens, ObjectProvider<ConnectSources> sources) {
        JwtDecoder decoder = externalTokens.getIfAvailable();
        ConnectSources connect = sources.getIfAvailable(() -> request -> List.of());
        AccessFilter filter = new AccessFilter(sessions, cookie, properties.scrapeTokenSha256(), decoder != null);
        return new AccessSecurity(filter, new SecurityHeaders(connect::forRequest), decoder,
                new ExternalAccounts(properties.oidc()));
    }
}
