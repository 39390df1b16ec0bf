package org.consultationtracker.boundary;

import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * The HTTP edge both services share: strict JSON for request bodies, a cap on body size, no wildcard Content-Type,
 * no write that would not take a JSON answer, integers in paths and query parameters read as decimal numbers only,
 * and every rejection - by
 * Tomcat, by Spring Security's firewall, or by a {@code sendError} anywhere - answered as problem+json.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ApiBoundaryAutoConfiguration {

    /** Default cap on a request body: 1 MiB. */
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictJsonBodies() {
        return builder -> builder.postConfigurer(StrictJson::configure);
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(
            @Value("${consultation.api.max-body-bytes:" + DEFAULT_MAX_BODY_BYTES + "}") long maxBodyBytes) {
        FilterRegistrationBean<RequestBodyLimit> registration =
                new FilterRegistrationBean<>(new RequestBodyLimit(maxBodyBytes));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<WildcardContentType> wildcardContentType() {
        FilterRegistrationBean<WildcardContentType> registration = new FilterRegistrationBean<>(new WildcardContentType());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<JsonAnswersOnly> jsonAnswersOnly() {
        FilterRegistrationBean<JsonAnswersOnly> registration = new FilterRegistrationBean<>(new JsonAnswersOnly());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    @Bean
    DecimalIntegers decimalIntegers() {
        return new DecimalIntegers();
    }

    @Bean
    ProblemErrorController problemErrorController() {
        return new ProblemErrorController();
    }

    @Bean
    RequestRejectedHandler firewallRejections() {
        return new FirewallRejections();
    }

    /**
     * Replaces the host's HTML error report with {@link ContainerErrorValve}. Ordered last so it runs after Spring
     * Boot's own customizer, whose valve it removes.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemJsonErrorReport() {
        return new WebServerFactoryCustomizer<>() {
            @Override
            public void customize(TomcatServletWebServerFactory factory) {
                factory.addContextCustomizers(context -> {
                    Pipeline pipeline = context.getParent().getPipeline();
                    for (Valve valve : pipeline.getValves()) {
                        if (valve instanceof ErrorReportValve && !(valve instanceof ContainerErrorValve)) {
                            pipeline.removeValve(valve);
                        }
                    }
                    pipeline.addValve(new ContainerErrorValve());
                    if (context.getParent() instanceof StandardHost host) {
                        host.setErrorReportValveClass(ContainerErrorValve.class.getName());
                    }
                });
            }
        };
    }
}
