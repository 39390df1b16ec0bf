package org.consultationtracker.query.voiceflow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Collects the nodes and links of a flow, counting distinct key points along each, and orders them for drawing. */
final class FlowBuilder {

    private static final List<String> KIND_ORDER = List.of("GROUP", "CONVERSATION", "THEME", "SECTION", "FATE");

    private record PendingNode(String id, String kind, String label, int order, Set<String> keyPointIds) {
    }

    private record PendingLink(String source, String target, boolean wholeConversation, Set<String> keyPointIds) {
    }

    private final Map<String, PendingNode> nodes = new LinkedHashMap<>();
    private final Map<String, PendingLink> links = new LinkedHashMap<>();

    String node(String id, String kind, String label, int order) {
        nodes.putIfAbsent(id, new PendingNode(id, kind, label, order, new LinkedHashSet<>()));
        return id;
    }

    void link(String source, String target, String keyPointId, boolean wholeConversation) {
        links.computeIfAbsent(source + "→" + target,
                              key -> new PendingLink(source, target, wholeConversation, new LinkedHashSet<>()))
             .keyPointIds().add(keyPointId);
        nodes.get(source).keyPointIds().add(keyPointId);
        nodes.get(target).keyPointIds().add(keyPointId);
    }

    /** Groups, conversations, themes, sections, fates; within a kind by order, then by id. */
    List<VoiceFlow.Node> nodes() {
        List<PendingNode> sorted = new ArrayList<>(nodes.values());
        sorted.sort(Comparator.comparingInt((PendingNode n) -> KIND_ORDER.indexOf(n.kind()))
                              .thenComparingInt(PendingNode::order).thenComparing(PendingNode::id));
        return sorted.stream().map(n -> new VoiceFlow.Node(n.id(), n.kind(), n.label(), n.keyPointIds().size()))
                     .toList();
    }

    /** Widest first, then by source and target. */
    List<VoiceFlow.Link> links() {
        List<PendingLink> sorted = new ArrayList<>(links.values());
        sorted.sort(Comparator.comparingInt((PendingLink l) -> -l.keyPointIds().size())
                              .thenComparing(PendingLink::source).thenComparing(PendingLink::target));
        return sorted.stream().map(l -> new VoiceFlow.Link(l.source(), l.target(), l.keyPointIds().size(),
                                                           l.wholeConversation(), List.copyOf(l.keyPointIds())))
                     .toList();
    }
}
