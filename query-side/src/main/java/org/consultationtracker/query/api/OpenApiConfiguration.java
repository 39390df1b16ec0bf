package org.consultationtracker.query.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class OpenApiConfiguration {

    @Bean
    public OpenAPI queryApiDescription() {
        return new OpenAPI()
                .info(new Info().title("Consultation tracker — query side").version("0.1.0")
                                .description("Read models built from the event store. Errors are "
                                                     + "application/problem+json."))
                .components(new Components().addSecuritySchemes(
                        "basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")));
    }
}
