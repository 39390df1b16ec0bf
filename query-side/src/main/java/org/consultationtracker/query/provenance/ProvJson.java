package org.consultationtracker.query.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.consultationtracker.query.provenance.ProvDocument.Kind;
import org.consultationtracker.query.provenance.ProvDocument.Link;
import org.consultationtracker.query.provenance.ProvDocument.Node;
import org.consultationtracker.query.provenance.ProvDocument.Typed;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link ProvDocument} as PROV-JSON (W3C Member Submission "PROV-JSON", 24 April 2013): one object per kind
 * of node and per relation, keyed by identifier; relations, which have none of their own, get a document-local one
 * ({@code _:<relation><n>}).
 */
final class ProvJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ProvJson() {
    }

    static ObjectNode write(ProvDocument document) {
        ObjectNode root = JSON.objectNode();
        root.putObject("prefix").put(ProvDocument.PREFIX, ProvDocument.NAMESPACE);
        Map<Kind, ObjectNode> byKind = new EnumMap<>(Kind.class);
        for (Node node : document.nodes()) {
            ObjectNode section = byKind.computeIfAbsent(node.kind(), kind -> JSON.objectNode());
            ObjectNode written = section.putObject(node.id());
            node.attributes().forEach((name, value) -> written.set(name, value(value)));
        }
        byKind.forEach((kind, section) -> root.set(kind.name().toLowerCase(), section));
        Map<ProvDocument.Relation, Integer> counts = new EnumMap<>(ProvDocument.Relation.class);
        for (Link link : document.links()) {
            ProvDocument.Relation relation = link.relation();
            int n = counts.merge(relation, 1, Integer::sum);
            ObjectNode section = root.has(relation.jsonName) ? (ObjectNode) root.get(relation.jsonName)
                    : root.putObject(relation.jsonName);
            ObjectNode written = section.putObject("_:" + relation.jsonName + n);
            written.put(relation.subject, link.subject());
            written.put(relation.object, link.object());
            if (link.time() != null) {
                written.put("prov:time", link.time());
            }
            if (link.role() != null) {
                written.set("prov:role", value(new Typed(link.role(), "prov:QUALIFIED_NAME")));
            }
            if (link.revision()) {
                written.set("prov:type", value(new Typed("prov:Revision", "prov:QUALIFIED_NAME")));
            }
        }
        return root;
    }

    /** An attribute value: a string, number or boolean as it is, a typed literal as {@code {"$": .., "type": ..}}. */
    static JsonNode value(Object value) {
        if (value instanceof Typed typed) {
            ObjectNode literal = JSON.objectNode();
            literal.put("$", typed.value());
            literal.put("type", typed.type());
            return literal;
        }
        if (value instanceof List<?> values) {
            ArrayNode array = JSON.arrayNode();
            values.forEach(each -> array.add(value(each)));
            return array;
        }
        if (value instanceof Long number) {
            return JSON.numberNode(number);
        }
        if (value instanceof Integer number) {
            return JSON.numberNode(number);
        }
        if (value instanceof Boolean flag) {
            return JSON.booleanNode(flag);
        }
        return JSON.textNode(String.valueOf(value));
    }
}
