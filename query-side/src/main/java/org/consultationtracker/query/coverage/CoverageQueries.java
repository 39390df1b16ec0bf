package org.consultationtracker.query.coverage;

import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.consultationtracker.query.coverage.CoverageView.ConversationTotals;
import org.consultationtracker.query.coverage.CoverageView.GroupTotals;
import org.consultationtracker.query.coverage.CoverageView.KeyPointCoverage;
import org.consultationtracker.query.participants.ParticipantDirectory;
import org.consultationtracker.query.readmodel.InvalidFilter;
import org.consultationtracker.query.readmodel.ModelCollection;
import org.consultationtracker.query.readmodel.ReadModel;
import org.consultationtracker.query.readmodel.ReadModelStore;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Answers coverage queries. */
@Service
public class CoverageQueries {

    /** The most key points one page of an unscoped or stakeholder-group answer may ask for. */
    public static final int MAX_PAGE_SIZE = 500;
    public static final int DEFAULT_PAGE_SIZE = 100;
    /** The most postings (buckets of {@value KeyPointStream#BUCKET} positions) one page reads. */
    static final int MAX_BUCKETS_READ = 16;

    /**
     * Every filter is optional; totals cover the key points matching the other filters, whatever their fate. With an
     * agenda or a conversation the answer is that scope whole; without one it is a page of the key points in stream
     * order, after the position {@code after} (null: from the start), at most {@code size} of them.
     */
    public record FindCoverage(String agendaId, String conversationId, String stakeholderGroupId, Fate fate,
                               Long after, int size) {

        public FindCoverage(String agendaId, String conversationId, String stakeholderGroupId, Fate fate) {
            this(agendaId, conversationId, stakeholderGroupId, fate, null, DEFAULT_PAGE_SIZE);
        }

        boolean scoped() {
            return agendaId != null || conversationId != null;
        }
    }

    private static final ModelCollection STREAM_KEYS = ModelCollection.of(ReadModel.COVERAGE, KeyPointStream.KEYS);
    private static final ModelCollection STREAM_POSTINGS =
            ModelCollection.of(ReadModel.COVERAGE, KeyPointStream.POSTINGS);

    private final ReadModelStore store;
    private final KeyPointFates fates;
    private final ParticipantDirectory directory;
    private final Words words;

    public CoverageQueries(ReadModelStore store, ParticipantDirectory directory, Words words) {
        this.words = words;
        this.store = store;
        this.fates = new KeyPointFates(store, ReadModel.COVERAGE, CoverageProjection.LEDGER, directory::resolve,
                                       words);
        this.directory = directory;
    }

    @QueryHandler
    public CoverageView handle(FindCoverage query) {
        if (query.after() != null && query.after() < 0) {
            throw new InvalidFilter("after", "must be a position, 0 or more (the 'next' of the previous page)");
        }
        if (query.size() < 1 || query.size() > MAX_PAGE_SIZE) {
            throw new InvalidFilter("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        return query.scoped() ? scoped(query) : page(query);
    }

    /**
     * Coverage of everything, or of one stakeholder group: a page of the key points in stream order, read from the
     * {@link KeyPointStream} postings by key. Its cost is the page's, whatever the size of the store: at most
     * {@value #MAX_BUCKETS_READ} postings are read, so a page of a sparse group may hold fewer than {@code size} key
     * points and still carry {@code next}. Totals over the whole answer would mean reading it whole, so they are
     * null; {@code keyPointCount} is the maintained count of the key points listed (all fates).
     */
    private CoverageView page(FindCoverage query) {
        String key = query.stakeholderGroupId() == null ? KeyPointStream.ALL
                : KeyPointStream.groupKey(query.stakeholderGroupId());
        Document head = store.find(STREAM_KEYS, key);
        if (head == null) {
            return new CoverageView(List.of(), null, null, null, List.of(), null, query.after(), query.size(),
                                    null, 0L, null, null, null, null);
        }
        List<Long> buckets = head.getList("buckets", Long.class, List.of());
        long above = query.after() == null ? -1 : query.after();
        int index = Collections.binarySearch(buckets, KeyPointStream.bucketOf(above + 1));
        int nextBucket = index >= 0 ? index : -index - 1;
        List<String> ids = new ArrayList<>();
        long lastExamined = above;
        boolean full = false;
        boolean restInBucket = false;
        int read = 0;
        while (!full && nextBucket < buckets.size() && read < MAX_BUCKETS_READ) {
            Document posting = store.find(STREAM_POSTINGS, KeyPointStream.posting(key, buckets.get(nextBucket)));
            nextBucket++;
            read++;
            if (posting == null) {
                continue;
            }
            List<Long> positions = posting.getList("positions", Long.class, List.of());
            List<String> keyPointIds = posting.getList("keyPointIds", String.class, List.of());
            for (int i = 0; i < positions.size(); i++) {
                if (positions.get(i) <= above) {
                    continue;
                }
                ids.add(keyPointIds.get(i));
                lastExamined = positions.get(i);
                if (ids.size() == query.size()) {
                    full = true;
                    restInBucket = i < positions.size() - 1;
                    break;
                }
            }
            if (!full) {
                lastExamined = Math.max(lastExamined, (buckets.get(nextBucket - 1) + 1) * KeyPointStream.BUCKET - 1);
            }
        }
        boolean more = restInBucket || nextBucket < buckets.size();
        List<Document> stored = fates.keyPointDocuments(ids);
        List<KeyPointCoverage> listed = new ArrayList<>();
        for (KeyPointCoverage keyPoint : fates.of(stored)) {
            // The postings follow the directory's groups; the fate filter applies to the page.
            if ((query.stakeholderGroupId() == null
                    || keyPoint.stakeholderGroupIds().contains(query.stakeholderGroupId()))
                    && (query.fate() == null || keyPoint.fate() == query.fate())) {
                listed.add(keyPoint);
            }
        }
        Set<String> listedIds = new java.util.HashSet<>();
        listed.forEach(keyPoint -> listedIds.add(keyPoint.keyPointId()));
        return new CoverageView(listed, null, null, null,
                                fates.themesOf(stored.stream().filter(k -> listedIds.contains(k.getString("_id")))
                                                     .toList()),
                                null, query.after(), query.size(), more ? lastExamined : null,
                                head.get("count", 0L), null, null, null, null);
    }

    /** Coverage of one agenda (session) or conversation: bounded by the scope, so answered whole with its totals. */
    private CoverageView scoped(FindCoverage query) {
        // The key points asked about, found by key: a conversation lists its own, an agenda its conversations.
        Map<String, Document> scopeConversations;
        if (query.conversationId() != null) {
            Document conversation = fates.conversation(query.conversationId());
            scopeConversations = conversation == null ? Map.of() : Map.of(query.conversationId(), conversation);
        } else {
            scopeConversations = fates.conversationsOfAgenda(query.agendaId());
        }
        List<Document> stored = new ArrayList<>();
        for (Document conversation : scopeConversations.values()) {
            stored.addAll(fates.keyPointsOf(conversation));
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
        Map<String, Document> conversations = new java.util.HashMap<>(scopeConversations);
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
        // The other voices in scope, by the same definition of a fate: plenary contributions about the conversations,
        // and the ideas submitted to the session.
        List<KeyPointFates.ContributionFate> contributions = new ArrayList<>();
        for (Document conversation : scopeConversations.values()) {
            for (KeyPointFates.ContributionFate contribution : fates.contributionsOf(conversation)) {
                if (query.stakeholderGroupId() == null
                        || contribution.stakeholderGroupIds().contains(query.stakeholderGroupId())) {
                    contributions.add(contribution);
                }
            }
        }
        List<KeyPointFates.IdeaCoverage> ideas = query.agendaId() == null ? List.of()
                : fates.ideasOfAgenda(query.agendaId()).stream()
                       .filter(idea -> query.stakeholderGroupId() == null
                               || idea.stakeholderGroupIds().contains(query.stakeholderGroupId()))
                       .toList();
        List<KeyPointCoverage> listed = query.fate() == null ? inScope
                : inScope.stream().filter(keyPoint -> keyPoint.fate() == query.fate()).toList();
        Set<String> listedIds = new java.util.HashSet<>();
        listed.forEach(keyPoint -> listedIds.add(keyPoint.keyPointId()));
        return new CoverageView(listed, totals, conversationTotals, groupTotals,
                                fates.themesOf(stored.stream().filter(k -> listedIds.contains(k.getString("_id")))
                                                     .toList()),
                                summarised(scopeConversations, query.agendaId()), null, query.size(), null,
                                (long) inScope.size(), contributions, fateTotals(contributions,
                                                                                 KeyPointFates.ContributionFate::fate),
                                ideas, fateTotals(ideas, KeyPointFates.IdeaCoverage::fate));
    }

    private static <T> Map<Fate, Integer> fateTotals(List<T> said, java.util.function.Function<T, Fate> fate) {
        Map<Fate, Integer> totals = emptyTotals();
        said.forEach(item -> totals.merge(fate.apply(item), 1, Integer::sum));
        return totals;
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
