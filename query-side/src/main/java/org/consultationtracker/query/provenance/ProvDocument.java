package org.consultationtracker.query.provenance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A provenance graph in the terms of the W3C PROV data model (PROV-DM), independent of how it is written out:
 * {@link ProvJson} writes it as PROV-JSON, {@link ProvOJsonLd} as PROV-O in JSON-LD. Identifiers are qualified names
 * in the {@value #PREFIX} namespace ({@value #NAMESPACE}). Nodes and relations are kept in the order they were added,
 * and each is added once, so the same records give the same document.
 */
final class ProvDocument {

    static final String PREFIX = "ct";
    static final String NAMESPACE = "urn:consultation-tracker:prov:";

    enum Kind { ENTITY, ACTIVITY, AGENT }

    /**
     * A PROV relation, with the PROV-JSON name of each of its arguments in order; the first argument is the subject
     * of the matching PROV-O property.
     */
    enum Relation {
        GENERATION("wasGeneratedBy", "prov:entity", "prov:activity"),
        USAGE("used", "prov:activity", "prov:entity"),
        COMMUNICATION("wasInformedBy", "prov:informed", "prov:informant"),
        DERIVATION("wasDerivedFrom", "prov:generatedEntity", "prov:usedEntity"),
        ATTRIBUTION("wasAttributedTo", "prov:entity", "prov:agent"),
        ASSOCIATION("wasAssociatedWith", "prov:activity", "prov:agent"),
        DELEGATION("actedOnBehalfOf", "prov:delegate", "prov:responsible"),
        SPECIALIZATION("specializationOf", "prov:specificEntity", "prov:generalEntity");

        final String jsonName;
        final String subject;
        final String object;

        Relation(String jsonName, String subject, String object) {
            this.jsonName = jsonName;
            this.subject = subject;
            this.object = object;
        }
    }

    /** A literal with an XSD or PROV type, e.g. a qualified name ({@code prov:QUALIFIED_NAME}). */
    record Typed(String value, String type) {
    }

    record Node(String id, Kind kind, Map<String, Object> attributes) {
    }

    /**
     * @param time      the moment of a generation or usage, or null
     * @param role      the role of an agent in an association (a qualified name), or null
     * @param revision  a derivation that is a revision ({@code prov:Revision}, PROV-O {@code wasRevisionOf})
     */
    record Link(Relation relation, String subject, String object, String time, String role, boolean revision) {
    }

    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Set<Link> links = new LinkedHashSet<>();

    /** The node with this id, added with no attributes if it was not there; attributes added later go into it. */
    Node node(String id, Kind kind) {
        return nodes.computeIfAbsent(id, key -> new Node(key, kind, new LinkedHashMap<>()));
    }

    boolean has(String id) {
        return nodes.containsKey(id);
    }

    void link(Relation relation, String subject, String object) {
        links.add(new Link(relation, subject, object, null, null, false));
    }

    void link(Relation relation, String subject, String object, String time) {
        links.add(new Link(relation, subject, object, time, null, false));
    }

    void associate(String activity, String agent, String role) {
        links.add(new Link(Relation.ASSOCIATION, activity, agent, null, role, false));
    }

    void revise(String newer, String older) {
        links.add(new Link(Relation.DERIVATION, newer, older, null, null, true));
    }

    List<Node> nodes() {
        return new ArrayList<>(nodes.values());
    }

    List<Link> links() {
        return new ArrayList<>(links);
    }
}
