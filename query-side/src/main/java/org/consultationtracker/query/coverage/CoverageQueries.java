package org.consultationtracker.query.coverage;

import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.consultationtracker.query.coverage.CoverageView.ConversationTotals;
import org.consultationtracker.query.coverage.CoverageView.GroupTotals;
import org.consultationtracker.query.coverage.CoverageView.KeyPointCoverage;
import org.consultationtracker.query.participants.ParticipantDirectory;
import org.consultationtracker.query.readmodel.ReadModel;
import org.consultationtracker.query.readmodel.ReadModelStore;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Answers coverage queries. */
@Service
public class CoverageQueries {

    /** Every filter is optional; totals cover the key points matching the other filters, whatever their fate. */
    public record FindCoverage(String agendaId, String conversationId, String stakeholderGroupId, Fate fate) {
    }

    private final KeyPointFates fates;
    private final ParticipantDirectory directory;
    private final Words words;

    public CoverageQueries(ReadModelStore store, ParticipantDirectory directory, Words words) {
        this.words = words;
        this.fates = new KeyPointFates(store, ReadModel.COVERAGE, CoverageProjection.LEDGER, directory::resolve,
                                       words);
        this.directory = directory;
    }

    @QueryHandler
    public CoverageView handle(FindCoverage query) {
        // The key points asked about, found by key: a conversation lists its own, an agenda its conversations.
        Map<String, Document> scopeConversations;
        if (query.conversationId() != null) {
            Document conversation = fates.conversation(query.conversationId());
            scopeConversations = conversation == null ? Map.of() : Map.of(query.conversationId(), conversation);
        } else if (query.agendaId() != null) {
            scopeConversations = fates.conversationsOfAgenda(query.agendaId());
        } else {
            scopeConversations = null;
        }
        List<Document> stored = new ArrayList<>();
        if (scopeConversations == null) {
            stored = fates.everyKeyPoint();
        } else {
            for (Document conversation : scopeConversations.values()) {
                stored.addAll(fates.keyPointsOf(conversation));
            }
        }
        List<KeyPointCoverage> inScope = new ArrayList<>();
        for (KeyPointCoverage keyPoint : fates.of(stored)) {
            if (query.agendaId() != null && !query.agendaId().equals(keyPoint.agendaId())) {
                continue;
            }
            if (query.stakeholderGroupId() != null
                    && !keyPoint.stakeholderGroupIds().contains(query.stakeholderGroupId())) {
                continue;
            }
            inScope.add(keyPoint);
        }
        inScope.sort(java.util.Comparator.comparing(KeyPointCoverage::conversationId,
                                                    java.util.Comparator.nullsLast(String::compareTo))
                                         .thenComparing(KeyPointCoverage::keyPointId));
        Map<Fate, Integer> totals = emptyTotals();
        Map<String, Map<Fate, Integer>> byConversation = new TreeMap<>();
        Map<String, Map<Fate, Integer>> byGroup = new TreeMap<>();
        for (KeyPointCoverage keyPoint : inScope) {
            totals.merge(keyPoint.fate(), 1, Integer::sum);
            byConversation.computeIfAbsent(keyPoint.conversationId(), c -> emptyTotals())
                          .merge(keyPoint.fate(), 1, Integer::sum);
            for (String group : keyPoint.stakeholderGroupIds()) {
                byGroup.computeIfAbsent(group, g -> emptyTotals()).merge(keyPoint.fate(), 1, Integer::sum);
            }
        }
        Map<String, Document> conversations = new java.util.HashMap<>(
                scopeConversations == null ? Map.of() : scopeConversations);
        Set<String> missing = new LinkedHashSet<>(byConversation.keySet());
        missing.removeAll(conversations.keySet());
        conversations.putAll(fates.conversations(missing));
        List<ConversationTotals> conversationTotals = new ArrayList<>();
        byConversation.forEach((id, counts) -> {
            Document conversation = conversations.get(id);
            conversationTotals.add(new ConversationTotals(id, conversation == null ? null
                    : words.say(conversation.get("question")), counts));
        });
        Set<String> groupIds = new LinkedHashSet<>(byGroup.keySet());
        groupIds.remove("anonymous");
        Map<String, String> names = directory.groupNames(groupIds);
        List<GroupTotals> groupTotals = new ArrayList<>();
        byGroup.forEach((id, counts) -> groupTotals.add(
                new GroupTotals(id, "anonymous".equals(id) ? "anonymous key points" : names.get(id), counts)));
        List<KeyPointCoverage> listed = query.fate() == null ? inScope
                : inScope.stream().filter(keyPoint -> keyPoint.fate() == query.fate()).toList();
        Set<String> listedIds = new java.util.HashSet<>();
        listed.forEach(keyPoint -> listedIds.add(keyPoint.keyPointId()));
        return new CoverageView(listed, totals, conversationTotals, groupTotals,
                                fates.themesOf(stored.stream().filter(k -> listedIds.contains(k.getString("_id")))
                                                     .toList()),
                                summarised(scopeConversations == null ? conversations : scopeConversations,
                                           query.agendaId()));
    }

    /** The conversations in scope that have a summary, ordered by id (records.js counts them per round). */
    private static List<String> summarised(Map<String, Document> conversations, String agendaId) {
        List<String> ids = new ArrayList<>();
        conversations.forEach((id, conversation) -> {
            if (conversation.get("summary") != null
                    && (agendaId == null || agendaId.equals(conversation.getString("agendaId")))) {
                ids.add(id);
            }
        });
        ids.sort(String::compareTo);
        return ids;
    }

    private static Map<Fate, Integer> emptyTotals() {
        Map<Fate, Integer> totals = new EnumMap<>(Fate.class);
        for (Fate fate : Fate.values()) {
            totals.put(fate, 0);
        }
        return totals;
    }
}
