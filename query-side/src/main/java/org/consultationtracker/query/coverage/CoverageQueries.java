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
        List<KeyPointCoverage> inScope = new ArrayList<>();
        for (KeyPointCoverage keyPoint : fates.all(query.conversationId())) {
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
        Map<String, Document> conversations = fates.conversations(byConversation.keySet());
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
        return new CoverageView(listed, totals, conversationTotals, groupTotals,
                                fates.themesOf(listed.stream().map(KeyPointCoverage::keyPointId).toList()));
    }

    private static Map<Fate, Integer> emptyTotals() {
        Map<Fate, Integer> totals = new EnumMap<>(Fate.class);
        for (Fate fate : Fate.values()) {
            totals.put(fate, 0);
        }
        return totals;
    }
}
