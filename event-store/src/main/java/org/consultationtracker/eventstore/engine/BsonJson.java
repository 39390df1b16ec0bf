package org.consultationtracker.eventstore.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/**
 * Converts serialized payloads between Jackson trees and BSON, so events are stored as documents any MongoDB tool can
 * read rather than as opaque strings. Field names are escaped where MongoDB forbids them ('.' anywhere, '$' first),
 * reversibly, so every payload round-trips exactly.
 */
public final class BsonJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private BsonJson() {
    }

    public static BsonValue toBson(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return BsonNull.VALUE;
        }
        if (node.isObject()) {
            BsonDocument document = new BsonDocument();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                document.append(escape(field.getKey()), toBson(field.getValue()));
            }
            return document;
        }
        if (node.isArray()) {
            BsonArray array = new BsonArray();
            node.forEach(element -> array.add(toBson(element)));
            return array;
        }
        if (node.isTextual()) {
            return new BsonString(node.textValue());
        }
        if (node.isBoolean()) {
            return BsonBoolean.valueOf(node.booleanValue());
        }
        if (node.isInt() || node.isShort()) {
            return new BsonInt32(node.intValue());
        }
        if (node.isLong()) {
            return new BsonInt64(node.longValue());
        }
        if (node.isBigInteger() || node.isBigDecimal()) {
            return new BsonDecimal128(new Decimal128(new BigDecimal(node.asText())));
        }
        if (node.isFloatingPointNumber()) {
            return new BsonDouble(node.doubleValue());
        }
        if (node.isBinary()) {
            try {
                return new BsonBinary(node.binaryValue());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalArgumentException("Cannot store JSON node of type " + node.getNodeType());
    }

    public static JsonNode toJson(BsonValue value) {
        if (value == null || value.isNull()) {
            return NODES.nullNode();
        }
        switch (value.getBsonType()) {
            case DOCUMENT: {
                ObjectNode object = NODES.objectNode();
                for (Map.Entry<String, BsonValue> field : value.asDocument().entrySet()) {
                    object.set(unescape(field.getKey()), toJson(field.getValue()));
                }
                return object;
            }
            case ARRAY: {
                ArrayNode array = NODES.arrayNode();
                value.asArray().forEach(element -> array.add(toJson(element)));
                return array;
            }
            case STRING:
                return NODES.textNode(value.asString().getValue());
            case BOOLEAN:
                return NODES.booleanNode(value.asBoolean().getValue());
            case INT32:
                return NODES.numberNode(value.asInt32().getValue());
            case INT64:
                return NODES.numberNode(value.asInt64().getValue());
            case DOUBLE:
                return NODES.numberNode(value.asDouble().getValue());
            case DECIMAL128:
                return NODES.numberNode(value.asDecimal128().getValue().bigDecimalValue());
            case BINARY:
                return NODES.binaryNode(value.asBinary().getData());
            case DATE_TIME:
                return NODES.numberNode(value.asDateTime().getValue());
            default:
                throw new IllegalArgumentException("Unexpected BSON type in a stored payload: " + value.getBsonType());
        }
    }

    static String escape(String key) {
        if (key.indexOf('%') < 0 && key.indexOf('.') < 0 && !key.startsWith("$")) {
            return key;
        }
        String escaped = key.replace("%", "%25").replace(".", "%2E");
        return escaped.startsWith("$") ? "%24" + escaped.substring(1) : escaped;
    }

    static String unescape(String key) {
        if (key.indexOf('%') < 0) {
            return key;
        }
        String unescaped = key.startsWith("%24") ? "$" + key.substring(3) : key;
        return unescaped.replace("%2E", ".").replace("%25", "%");
    }
}
