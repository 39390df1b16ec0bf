package org.consultationtracker.query.auditlog;

import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.TreeSet;

/** The event type names the audit log can be filtered by: every record of the published language. */
@Component
public class EventTypes {

    private final Set<String> names = new TreeSet<>();

    public EventTypes() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(
                    org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isIndependent();
            }
        };
        scanner.addIncludeFilter(new AssignableTypeFilter(Record.class));
        scanner.findCandidateComponents("org.consultationtracker.events").forEach(candidate -> {
            try {
                Class<?> type = Class.forName(candidate.getBeanClassName());
                boolean isEvent = java.util.Arrays.stream(type.getRecordComponents())
                                                  .anyMatch(component -> component.getName().equals("occurredAt"));
                if (isEvent) {
                    names.add(type.getSimpleName());
                }
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public Set<String> names() {
        return names;
    }
}
