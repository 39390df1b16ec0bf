package org.consultationtracker.command.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.consultationtracker.command.api.contract.ContractDocumentation;
import org.springdoc.core.customizers.ParameterCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description's header; springdoc derives the rest from the controllers and request records. */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
        info = @Info(title = "Consultation tracker — command API", version = "1",
                description = "Writes only. Every write names its actor; errors are application/problem+json "
                        + "naming each rejected field and the rule it broke. Send Idempotency-Key to make a write "
                        + "safe to retry. Bodies are strict JSON (no duplicate keys, nothing after the value, no "
                        + "type coercion) of at most 1 MiB; texts are valid Unicode without control characters "
                        + "other than newline and tab, stored in NFC; see docs/api.md, \"Input contract\"."
                        + " Sign in once (POST /api/tokens) and send the token as a bearer credential; the web "
                        + "interface's session cookie works too, with its CSRF token on every write."),
        security = {@SecurityRequirement(name = "bearer"), @SecurityRequirement(name = "session")})
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "A token from POST /api/tokens (starts with ct_), or an external identity provider's token")
@SecurityScheme(name = "session", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.COOKIE,
        paramName = "ct_session",
        description = "The browser session from POST /api/session; writes also need its X-CSRF-Token header")
class OpenApiConfiguration {

    @Bean
    PropertyCustomizer contractProperties() {
        return ContractDocumentation::property;
    }

    @Bean
    ParameterCustomizer contractParameters() {
        return ContractDocumentation::parameter;
    }
}
