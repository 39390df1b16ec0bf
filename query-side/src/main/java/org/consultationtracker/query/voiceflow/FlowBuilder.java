package org.consultationtracker.query.voiceflow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects the nodes and links of a flow, counting distinct key points along each, folds the smallest nodes of a
 * crowded column into one "other" node, and orders them for drawing.
 */
final class FlowBuilder {

    private record PendingNode(String id, String kind, String label, int order, int column, Set<String> keyPointIds) {
    }

    /** {@code whole}: the key points this link carries only because a section cites their whole conversation. */
    private record PendingLink(String source, String target, Set<String> keyPointIds, Set<String> whole) {
    }

    private final Map<String, PendingNode> nodes = new LinkedHashMap<>();
    private final Map<String, PendingLink> links = new LinkedHashMap<>();

    String node(String id, String kind, String label, int order, int column) {
        nodes.putIfAbsent(id, new PendingNode(id, kind, label, order, column, new LinkedHashSet<>()));
        return id;
    }

    void link(String source, String target, String keyPointId, boolean wholeConversation) {
        PendingLink link = links.computeIfAbsent(source + "→" + target, key -> new PendingLink(
                source, target, new LinkedHashSet<>(), new LinkedHashSet<>()));
        link.keyPointIds().add(keyPointId);
        if (wholeConversation) {
            link.whole().add(keyPointId);
        }
        nodes.get(source).keyPointIds().add(keyPointId);
        nodes.get(target).keyPointIds().add(keyPointId);
    }

    /**
     * Keeps the {@code keep} nodes of this kind carrying the most key points and folds the others into one node
     * {@code otherId} labelled "{@code otherLabel} (n)", moving their links onto it: a column of a hundred thin
     * conversations cannot be read, one of the largest ones and the rest together can. Nothing folds when there are
     * at most {@code keep + 1} (folding one node into "other (1)" would only hide its name).
     *
     * @return the ids folded, each to the id of the node that now stands for it
     */
    Map<String, String> fold(String kind, int keep, String otherId, String otherLabel) {
        List<PendingNode> ofKind = new ArrayList<>(nodes.values().stream().filter(n -> n.kind().equals(kind)).toList());
        if (ofKind.size() <= keep + 1) {
            return Map.of();
        }
        ofKind.sort(Comparator.comparingInt((PendingNode n) -> -n.keyPointIds().size())
                              .thenComparingInt(PendingNode::order).thenComparing(PendingNode::id));
        List<PendingNode> folded = ofKind.subList(keep, ofKind.size());
        PendingNode other = new PendingNode(otherId, kind, otherLabel + " (" + folded.size() + ")", Integer.MAX_VALUE,
                                            folded.get(0).column(), new LinkedHashSet<>());
        Map<String, String> replaced = new LinkedHashMap<>();
        for (PendingNode node : folded) {
            replaced.put(node.id(), otherId);
            other.keyPointIds().addAll(node.keyPointIds());
            nodes.remove(node.id());
        }
        nodes.put(otherId, other);
        Map<String, PendingLink> moved = new LinkedHashMap<>();
        for (PendingLink link : links.values()) {
            String source = replaced.getOrDefault(link.source(), link.source());
            String target = replaced.getOrDefault(link.target(), link.target());
            PendingLink into = moved.computeIfAbsent(source + "→" + target, key -> new PendingLink(
                    source, target, new LinkedHashSet<>(), new LinkedHashSet<>()));
            into.keyPointIds().addAll(link.keyPointIds());
            into.whole().addAll(link.whole());
        }
        links.clear();
        links.putAll(moved);
        return replaced;
    }

    /** By column, then within a column by kind, order and id. */
    List<VoiceFlow.Node> nodes(List<String> kindOrder) {
        List<PendingNode> sorted = new ArrayList<>(nodes.values());
        sorted.sort(Comparator.comparingInt(PendingNode::column)
                              .thenComparingInt((PendingNode n) -> kindOrder.indexOf(n.kind()))
                              .thenComparingInt(PendingNode::order).thenComparing(PendingNode::id));
        return sorted.stream().map(n -> new VoiceFlow.Node(n.id(), n.kind(), n.label(), n.keyPointIds().size(),
                                                           n.column()))
                     .toList();
    }

    /**
     * Widest first, then by source and target. A link is a whole-conversation link when every key point on it gets
     * there only with its whole conversation.
     */
    List<VoiceFlow.Link> links() {
        List<PendingLink> sorted = new ArrayList<>(links.values());
        sorted.sort(Comparator.comparingInt((PendingLink l) -> -l.keyPointIds().size())
                              .thenComparing(PendingLink::source).thenComparing(PendingLink::target));
        return sorted.stream().map(l -> new VoiceFlow.Link(l.source(), l.target(), l.keyPointIds().size(),
                                                           l.whole().containsAll(l.keyPointIds()),
                                                           List.copyOf(l.keyPointIds())))
                     .toList();
    }
}
