package org.consultationtracker.query.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class OpenApiConfiguration {

    @Bean
    public OpenAPI queryApiDescription() {
        return new OpenAPI()
                .info(new Info().title("Consultation tracker — query side").version("1")
                                .description("Read models built from the event store. Errors are "
                                                     + "application/problem+json. Sign in once (POST "
                                                     + "/api/tokens) and send the token as a bearer credential, "
                                                     + "or use the web interface's session cookie."))
                .addSecurityItem(new SecurityRequirement().addList("bearer"))
                .addSecurityItem(new SecurityRequirement().addList("session"))
                .components(new Components()
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("A token from POST /api/tokens (starts with ct_), "
                                        + "or an external identity provider's token"))
                        .addSecuritySchemes("session", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.COOKIE).name("ct_session")
                                .description("The browser session from POST /api/session")));
    }
}
