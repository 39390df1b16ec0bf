package org.consultationtracker.query.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.consultationtracker.query.provenance.ProvDocument.Kind;
import org.consultationtracker.query.provenance.ProvDocument.Link;
import org.consultationtracker.query.provenance.ProvDocument.Node;
import org.consultationtracker.query.provenance.ProvDocument.Typed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link ProvDocument} as PROV-O (the W3C PROV ontology) in JSON-LD: a {@code @graph} of nodes typed
 * {@code prov:Entity}, {@code prov:Activity} or {@code prov:Agent}, with the PROV-O starting-point properties
 * ({@code prov:wasGeneratedBy}, {@code prov:used}, {@code prov:wasDerivedFrom}, {@code prov:wasRevisionOf}, ...) and a
 * {@code prov:qualifiedAssociation} where an agent had a role. The {@code @context} is the one this service ships
 * ({@value #CONTEXT}), written into every document so it expands without fetching anything.
 */
final class ProvOJsonLd {

    static final String CONTEXT = "/provenance/prov-o-context.jsonld";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final JsonNode CONTEXT_OBJECT = loadContext();

    /** PROV-JSON attribute names that PROV-O spells differently. */
    private static final Map<String, String> PROPERTY = Map.of(
            "prov:label", "rdfs:label",
            "prov:startTime", "prov:startedAtTime",
            "prov:endTime", "prov:endedAtTime");

    private ProvOJsonLd() {
    }

    static ObjectNode write(ProvDocument document) {
        Map<String, ObjectNode> written = new LinkedHashMap<>();
        for (Node node : document.nodes()) {
            ObjectNode out = JSON.objectNode();
            out.put("@id", node.id());
            ArrayNode types = out.putArray("@type");
            types.add(switch (node.kind()) {
                case ENTITY -> "prov:Entity";
                case ACTIVITY -> "prov:Activity";
                case AGENT -> "prov:Agent";
            });
            node.attributes().forEach((name, value) -> {
                if ("prov:type".equals(name)) {
                    for (Object type : value instanceof List<?> list ? list : List.of(value)) {
                        types.add(type instanceof Typed typed ? typed.value() : String.valueOf(type));
                    }
                } else {
                    out.set(PROPERTY.getOrDefault(name, name), value(value));
                }
            });
            written.put(node.id(), out);
        }
        Map<String, Integer> qualified = new HashMap<>();
        for (Link link : document.links()) {
            ObjectNode subject = written.get(link.subject());
            if (subject == null) {
                continue;
            }
            switch (link.relation()) {
                case GENERATION -> {
                    add(subject, "prov:wasGeneratedBy", link.object());
                    if (link.time() != null && !subject.has("prov:generatedAtTime")) {
                        subject.put("prov:generatedAtTime", link.time());
                    }
                }
                case USAGE -> add(subject, "prov:used", link.object());
                case COMMUNICATION -> add(subject, "prov:wasInformedBy", link.object());
                case DERIVATION -> add(subject, link.revision() ? "prov:wasRevisionOf" : "prov:wasDerivedFrom",
                                       link.object());
                case ATTRIBUTION -> add(subject, "prov:wasAttributedTo", link.object());
                case ASSOCIATION -> {
                    add(subject, "prov:wasAssociatedWith", link.object());
                    if (link.role() != null) {
                        ObjectNode association = JSON.objectNode();
                        int n = qualified.merge(link.subject(), 1, Integer::sum);
                        association.put("@id", link.subject() + "-association-" + n);
                        association.put("@type", "prov:Association");
                        association.put("prov:agent", link.object());
                        association.put("prov:hadRole", link.role());
                        array(subject, "prov:qualifiedAssociation").add(association);
                    }
                }
                case DELEGATION -> add(subject, "prov:actedOnBehalfOf", link.object());
                case SPECIALIZATION -> add(subject, "prov:specializationOf", link.object());
            }
        }
        ObjectNode root = JSON.objectNode();
        root.set("@context", CONTEXT_OBJECT.get("@context").deepCopy());
        ArrayNode graph = root.putArray("@graph");
        written.values().forEach(graph::add);
        return root;
    }

    private static void add(ObjectNode subject, String property, String object) {
        ArrayNode values = array(subject, property);
        for (JsonNode value : values) {
            if (value.asText().equals(object)) {
                return;
            }
        }
        values.add(object);
    }

    private static ArrayNode array(ObjectNode subject, String property) {
        JsonNode existing = subject.get(property);
        return existing instanceof ArrayNode array ? array : subject.putArray(property);
    }

    private static JsonNode value(Object value) {
        if (value instanceof Typed typed) {
            if ("prov:QUALIFIED_NAME".equals(typed.type())) {
                return JSON.objectNode().put("@id", typed.value());
            }
            return JSON.objectNode().put("@value", typed.value()).put("@type", typed.type());
        }
        if (value instanceof List<?> values) {
            ArrayNode array = JSON.arrayNode();
            values.forEach(each -> array.add(value(each)));
            return array;
        }
        return ProvJson.value(value);
    }

    /** The shipped context, as a JSON object with one {@code @context} member. */
    static JsonNode context() {
        return CONTEXT_OBJECT.deepCopy();
    }

    private static JsonNode loadContext() {
        try (InputStream in = ProvOJsonLd.class.getResourceAsStream(CONTEXT)) {
            if (in == null) {
                throw new IllegalStateException("The PROV-O context " + CONTEXT + " is missing from the classpath");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
