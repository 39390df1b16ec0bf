package org.consultationtracker.command.gate;

import org.consultationtracker.command.lookup.LookupCatchUp;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts {@link LookupGate} in front of the API. A bean of a plain configuration, not a scanned {@code WebMvcConfigurer},
 * so the web-layer tests (which run the controllers without the event store) do not pick it up.
 */
@Configuration(proxyBeanMethods = false)
class LookupGateConfiguration {

    @Bean
    WebMvcConfigurer lookupGate(LookupCatchUp catchUp) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new LookupGate(catchUp)).addPathPatterns("/api/**");
            }
        };
    }
}
