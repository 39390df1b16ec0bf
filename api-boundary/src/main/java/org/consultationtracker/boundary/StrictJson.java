package org.consultationtracker.boundary;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * How request bodies are read: as strictly as JSON allows, so that what a client meant and what is recorded cannot
 * differ. Duplicate keys, content after the value, unknown properties, numbers for strings, strings for numbers,
 * fractions for integers, numbers for enums or instants, and enum names with spaces around them (which Jackson would
 * otherwise trim and accept) are all refused; bytes must be well-formed UTF-8 ({@link StrictUtf8}); text
 * obeys the {@link TextRule} and is stored in NFC; instants are ISO-8601 strings with an offset. Nesting, number and
 * name lengths are capped well below what would cost the server anything.
 */
public final class StrictJson {

    public static final int MAX_NESTING_DEPTH = 32;
    public static final int MAX_NUMBER_LENGTH = 32;
    public static final int MAX_NAME_LENGTH = 200;
    public static final String INSTANT_RULE =
            "must be a date-time in ISO-8601 form with an offset, e.g. 2021-06-12T10:00:00Z";

    private StrictJson() {
    }

    /** Applies the strict reading rules to a mapper (used for the services' request bodies). */
    public static ObjectMapper configure(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxNameLength(MAX_NAME_LENGTH)
                .build());
        mapper.getFactory().setInputDecorator(new StrictUtf8());
        mapper.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        // Not FAIL_ON_NULL_FOR_PRIMITIVES: Jackson applies it to a record's missing optional flags too. Required
        // numbers are wrapper types marked @NotNull in the request records instead.
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT,
                DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
                DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT);
        mapper.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        refuse(mapper, LogicalType.Integer, CoercionInputShape.Float, CoercionInputShape.String,
                CoercionInputShape.EmptyString, CoercionInputShape.Boolean);
        refuse(mapper, LogicalType.Float, CoercionInputShape.String, CoercionInputShape.EmptyString,
                CoercionInputShape.Boolean);
        refuse(mapper, LogicalType.Boolean, CoercionInputShape.String, CoercionInputShape.EmptyString,
                CoercionInputShape.Integer, CoercionInputShape.Float);
        refuse(mapper, LogicalType.Enum, CoercionInputShape.Integer, CoercionInputShape.EmptyString);
        refuse(mapper, LogicalType.Collection, CoercionInputShape.String, CoercionInputShape.EmptyString);
        refuse(mapper, LogicalType.POJO, CoercionInputShape.String, CoercionInputShape.EmptyString,
                CoercionInputShape.EmptyArray);
        mapper.registerModule(module());
        return mapper;
    }

    private static void refuse(ObjectMapper mapper, LogicalType target, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            mapper.coercionConfigFor(target).setCoercion(shape, CoercionAction.Fail);
        }
    }

    /** Text, instants and enum names read by the rules above. */
    public static SimpleModule module() {
        SimpleModule module = new SimpleModule("strict-input");
        module.addDeserializer(String.class, new TextDeserializer());
        module.addDeserializer(Instant.class, new InstantDeserializer());
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                                                              BeanDescription description,
                                                              JsonDeserializer<?> deserializer) {
                return new ExactEnumDeserializer(deserializer);
            }
        });
        return module;
    }

    /** An enum's name exactly as written: Jackson alone would accept {@code " QUOTE "} as {@code QUOTE}. */
    static final class ExactEnumDeserializer extends DelegatingDeserializer {

        ExactEnumDeserializer(JsonDeserializer<?> enumDeserializer) {
            super(enumDeserializer);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new ExactEnumDeserializer(newDelegatee);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                String name = parser.getText();
                if (!name.isEmpty() && (name.charAt(0) <= ' ' || name.charAt(name.length() - 1) <= ' ')) {
                    throw InvalidFormatException.from(parser, "an enum name with spaces around it", name,
                            handledType());
                }
            }
            return super.deserialize(parser, context);
        }
    }

    /** Strings only (never a number, boolean, array or object), valid by the {@link TextRule}, returned in NFC. */
    static final class TextDeserializer extends StdScalarDeserializer<String> {

        TextDeserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (String) context.handleUnexpectedToken(String.class, parser);
            }
            String text = parser.getText();
            var broken = TextRule.violation(text);
            if (broken.isPresent()) {
                throw new InputRuleViolation(parser, broken.get(), String.class);
            }
            return TextRule.normalised(text);
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }
    }

    /** An ISO-8601 date-time string with an offset; never epoch numbers, whose unit a client can get wrong. */
    static final class InstantDeserializer extends StdScalarDeserializer<Instant> {

        InstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                throw new InputRuleViolation(parser, INSTANT_RULE, Instant.class);
            }
            try {
                return OffsetDateTime.parse(parser.getText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeException e) {
                throw new InputRuleViolation(parser, INSTANT_RULE, Instant.class);
            }
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.DateTime;
        }
    }
}
