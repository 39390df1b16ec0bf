package org.consultationtracker.query.support;

import org.consultationtracker.query.QuerySideApplication;
import org.springframework.boot.test.context.SpringBootTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The whole query side on an in-memory embedded store; test classes with this annotation share one context. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = QuerySideApplication.class, properties = {
        "spring.config.name=query-side", "consultation.store.embedded.in-memory=true", "server.port=0",
        "consultation.store.fetch-delay=20ms"})
public @interface QuerySideTest {
}
