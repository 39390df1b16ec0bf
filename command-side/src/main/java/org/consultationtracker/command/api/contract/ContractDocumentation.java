package org.consultationtracker.command.api.contract;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import org.hibernate.validator.constraints.UniqueElements;
import org.springframework.core.MethodParameter;

import java.lang.annotation.Annotation;

/**
 * Writes the contract's own constraints into the OpenAPI description (springdoc reads the standard ones, such as
 * {@code @Size} and {@code @Min}, by itself): the id pattern, text lengths, unique lists and the time windows.
 */
public final class ContractDocumentation {

    private ContractDocumentation() {
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    public static Schema property(Schema property, AnnotatedType type) {
        if (type.getCtxAnnotations() == null) {
            return property;
        }
        for (Annotation annotation : type.getCtxAnnotations()) {
            Schema target = property.getItems() != null ? property.getItems() : property;
            if (annotation instanceof Identifier) {
                identifier(target);
            } else if (annotation instanceof Text text) {
                target.minLength(1).maxLength(text.max());
            } else if (annotation instanceof HappenedAt) {
                property.description(joined(property.getDescription(), "When it happened; "
                        + HappenedAt.RULE + ". Leave out for now."));
            } else if (annotation instanceof UniqueElements && property.getItems() != null) {
                property.uniqueItems(true);
            }
        }
        return property;
    }

    public static Parameter parameter(Parameter parameter, MethodParameter method) {
        if (parameter != null && method.hasParameterAnnotation(Identifier.class) && parameter.getSchema() != null) {
            identifier(parameter.getSchema());
        }
        return parameter;
    }

    @SuppressWarnings("rawtypes")
    private static void identifier(Schema schema) {
        schema.pattern("^" + Bounds.ID_PATTERN + "$").minLength(1).maxLength(Bounds.ID_MAX);
    }

    private static String joined(String first, String second) {
        return first == null || first.isBlank() ? second : first + " " + second;
    }
}
