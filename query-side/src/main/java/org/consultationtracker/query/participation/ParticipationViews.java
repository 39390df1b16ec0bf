package org.consultationtracker.query.participation;

import org.bson.Document;
import org.consultationtracker.query.participants.ParticipantDirectory.ParticipantRef;
import org.consultationtracker.query.participation.Attendance.Counts;
import org.consultationtracker.query.participation.Attendance.Presence;
import org.consultationtracker.query.participation.ParticipationView.Conversation;
import org.consultationtracker.query.participation.ParticipationView.GroupCounts;
import org.consultationtracker.query.participation.ParticipationView.Movement;
import org.consultationtracker.query.participation.ParticipationView.Round;
import org.consultationtracker.query.participation.ParticipationView.Session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import static org.consultationtracker.query.readmodel.Docs.documents;
import static org.consultationtracker.query.readmodel.Docs.instant;

/**
 * Computes participation views from stored presences; group membership comes from the participant directory, and a
 * conversation's question is opened at read time ({@code say}: see {@link org.consultationtracker.query.coverage.Words#say}).
 */
public final class ParticipationViews {

    private final ParticipationProperties properties;
    private final Function<Collection<String>, Map<String, ParticipantRef>> participants;
    private final Function<Collection<String>, Map<String, String>> groupNames;
    private final Function<Object, String> say;

    public ParticipationViews(ParticipationProperties properties,
                              Function<Collection<String>, Map<String, ParticipantRef>> participants,
                              Function<Collection<String>, Map<String, String>> groupNames,
                              Function<Object, String> say) {
        this.properties = properties;
        this.say = say;
        this.participants = participants;
        this.groupNames = groupNames;
    }

    public Conversation conversation(Document conversation, Document session) {
        Document round = roundOf(session, conversation.getInteger("round"));
        Instant start = instant(conversation, "startedAt");
        if (start == null && round != null) {
            start = instant(round, "openedAt");
        }
        Instant end = round == null ? null : instant(round, "closedAt");
        if (end == null && session != null) {
            end = instant(session, "latestEventAt");
        }
        List<Document> stored = documents(conversation, "presences");
        List<Presence> presences = new ArrayList<>();
        Map<String, Integer> arrivals = new TreeMap<>();
        Map<String, Integer> departures = new TreeMap<>();
        for (Document presence : stored) {
            presences.add(new Presence(presence.getString("participantId"), instant(presence, "from"),
                                       instant(presence, "to")));
            if (presence.getString("arrivedFrom") != null) {
                arrivals.merge(presence.getString("arrivedFrom"), 1, Integer::sum);
            }
            if (presence.getString("departedTo") != null) {
                departures.merge(presence.getString("departedTo"), 1, Integer::sum);
            }
        }
        Counts counts = Attendance.count(presences, start, end, properties.initialWindow(),
                                         properties.sustainedThreshold());
        Map<String, ParticipantRef> refs = participants.apply(
                presences.stream().map(Presence::participantId).toList());
        Map<String, List<Presence>> byGroup = new TreeMap<>();
        for (Presence presence : presences) {
            for (String group : refs.get(presence.participantId()).stakeholderGroupIds()) {
                byGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(presence);
            }
        }
        Map<String, String> names = groupNames.apply(byGroup.keySet());
        List<GroupCounts> groups = new ArrayList<>();
        for (Map.Entry<String, List<Presence>> entry : byGroup.entrySet()) {
            Counts groupCounts = Attendance.count(entry.getValue(), start, end, properties.initialWindow(),
                                                  properties.sustainedThreshold());
            groups.add(new GroupCounts(entry.getKey(), names.getOrDefault(entry.getKey(), entry.getKey()),
                                       groupCounts.initial(), groupCounts.peak(), groupCounts.highestSustained(),
                                       groupCounts.uniqueVisitors()));
        }
        return new Conversation(conversation.getString("_id"), conversation.getString("agendaId"),
                                conversation.getInteger("round"), conversation.getString("room"),
                                say.apply(conversation.get("question")), instant(conversation, "startedAt"), end,
                                counts.initial(), counts.peak(), counts.highestSustained(), counts.uniqueVisitors(),
                                movements(arrivals), movements(departures),
                                documents(conversation, "unmatchedDepartures").size(), groups);
    }

    public Session session(Document session, Collection<Document> conversations, Instant asOf) {
        Map<Integer, List<Conversation>> byRound = new TreeMap<>();
        Map<Integer, Set<String>> visitorsByRound = new TreeMap<>();
        Set<String> allVisitors = new LinkedHashSet<>();
        for (Document conversation : conversations) {
            Conversation view = conversation(conversation, session);
            int round = view.round() == null ? 0 : view.round();
            byRound.computeIfAbsent(round, r -> new ArrayList<>()).add(view);
            for (Document presence : documents(conversation, "presences")) {
                visitorsByRound.computeIfAbsent(round, r -> new LinkedHashSet<>())
                               .add(presence.getString("participantId"));
                allVisitors.add(presence.getString("participantId"));
            }
        }
        for (Document round : documents(session, "rounds")) {
            byRound.computeIfAbsent(round.getInteger("round"), r -> new ArrayList<>());
        }
        List<Round> rounds = new ArrayList<>();
        for (Map.Entry<Integer, List<Conversation>> entry : byRound.entrySet()) {
            List<Conversation> inRound = entry.getValue();
            inRound.sort(Comparator.comparing(Conversation::room, Comparator.nullsLast(Comparator.naturalOrder()))
                                   .thenComparing(Conversation::conversationId));
            Document round = roundOf(session, entry.getKey());
            Set<String> visitors = visitorsByRound.getOrDefault(entry.getKey(), Set.of());
            rounds.add(new Round(entry.getKey(), round == null ? null : instant(round, "openedAt"),
                                 round == null ? null : instant(round, "closedAt"), inRound.size(),
                                 sum(inRound, Conversation::initial), sum(inRound, Conversation::peak),
                                 sum(inRound, Conversation::highestSustained), visitors.size(),
                                 inRound.stream().mapToInt(c -> c.arrivalsFrom().stream()
                                                                  .mapToInt(Movement::count).sum()).sum(),
                                 groupTotals(inRound, visitors), inRound));
        }
        List<Conversation> all = rounds.stream().flatMap(r -> r.conversationDetails().stream()).toList();
        return new Session(session.getString("_id"), properties.sustainedThreshold(), properties.initialWindow(),
                           all.size(), sum(all, Conversation::initial), sum(all, Conversation::peak),
                           sum(all, Conversation::highestSustained), allVisitors.size(),
                           rounds.stream().mapToInt(Round::movesBetweenRooms).sum(), groupTotals(all, allVisitors),
                           rounds, asOf);
    }

    /** Per group: sums of the conversations' group numbers, and distinct visitors of the group. */
    private List<GroupCounts> groupTotals(List<Conversation> conversations, Set<String> visitors) {
        Map<String, int[]> totals = new TreeMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (Conversation conversation : conversations) {
            for (GroupCounts group : conversation.byStakeholderGroup()) {
                int[] sums = totals.computeIfAbsent(group.stakeholderGroupId(), g -> new int[4]);
                sums[0] += group.initial();
                sums[1] += group.peak();
                sums[2] += group.highestSustained();
                names.put(group.stakeholderGroupId(), group.name());
            }
        }
        for (ParticipantRef ref : participants.apply(visitors).values()) {
            for (String group : ref.stakeholderGroupIds()) {
                totals.computeIfAbsent(group, g -> new int[4])[3]++;
            }
        }
        List<GroupCounts> groups = new ArrayList<>();
        totals.forEach((group, sums) -> groups.add(
                new GroupCounts(group, names.getOrDefault(group, group), sums[0], sums[1], sums[2], sums[3])));
        return groups;
    }

    private static int sum(List<Conversation> conversations, java.util.function.ToIntFunction<Conversation> field) {
        return conversations.stream().mapToInt(field).sum();
    }

    private static List<Movement> movements(Map<String, Integer> counts) {
        List<Movement> movements = new ArrayList<>();
        counts.forEach((conversation, count) -> movements.add(new Movement(conversation, count)));
        return movements;
    }

    private static Document roundOf(Document session, Integer round) {
        if (session == null || round == null) {
            return null;
        }
        for (Document candidate : documents(session, "rounds")) {
            if (round.equals(candidate.getInteger("round"))) {
                return candidate;
            }
        }
        return null;
    }
}
