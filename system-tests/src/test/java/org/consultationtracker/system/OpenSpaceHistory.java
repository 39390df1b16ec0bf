package org.consultationtracker.system;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.consultationtracker.events.EncryptedValue;
import org.consultationtracker.events.Wording;
import org.consultationtracker.events.agenda.AgendaAnnounced;
import org.consultationtracker.events.agenda.ConversationMoved;
import org.consultationtracker.events.agenda.ConversationProposed;
import org.consultationtracker.events.agenda.ConversationScheduled;
import org.consultationtracker.events.agenda.FramingQuestionPosed;
import org.consultationtracker.events.agenda.GridDefined;
import org.consultationtracker.events.agenda.GridRound;
import org.consultationtracker.events.agenda.ProposalClarified;
import org.consultationtracker.events.agenda.ProposalPitched;
import org.consultationtracker.events.agenda.ProposalSplit;
import org.consultationtracker.events.agenda.ProposalWithdrawn;
import org.consultationtracker.events.agenda.ProposalsMerged;
import org.consultationtracker.events.agenda.RoundClosed;
import org.consultationtracker.events.agenda.RoundOpened;
import org.consultationtracker.events.agenda.SplitPart;
import org.consultationtracker.events.consultation.ConsultationStarted;
import org.consultationtracker.events.consultation.SessionKind;
import org.consultationtracker.events.consultation.SessionScheduled;
import org.consultationtracker.events.consultation.StakeholderGroupDefined;
import org.consultationtracker.events.conversation.ConversationStarted;
import org.consultationtracker.events.conversation.ConversationSummarised;
import org.consultationtracker.events.conversation.KeyPointEdited;
import org.consultationtracker.events.conversation.KeyPointKind;
import org.consultationtracker.events.conversation.KeyPointRecorded;
import org.consultationtracker.events.conversation.KeyPointRetracted;
import org.consultationtracker.events.conversation.ParticipantJoinedConversation;
import org.consultationtracker.events.conversation.ParticipantLeftConversation;
import org.consultationtracker.events.conversation.PlenaryContributionRecorded;
import org.consultationtracker.events.conversation.PlenarySummaryRecorded;
import org.consultationtracker.events.ideas.IdeaSubmitted;
import org.consultationtracker.events.participant.AgeBand;
import org.consultationtracker.events.participant.ConsentGiven;
import org.consultationtracker.events.participant.ConsentPurpose;
import org.consultationtracker.events.participant.ConsentWithdrawn;
import org.consultationtracker.events.participant.ContributionPolicy;
import org.consultationtracker.events.participant.ErasureRequester;
import org.consultationtracker.events.participant.ParticipantErased;
import org.consultationtracker.events.participant.ParticipantRegistered;
import org.consultationtracker.events.report.Citation;
import org.consultationtracker.events.report.CitationKind;
import org.consultationtracker.events.report.KeyPointTagged;
import org.consultationtracker.events.report.PublishedSection;
import org.consultationtracker.events.report.ReportPublished;
import org.consultationtracker.events.report.ReportSectionWritten;
import org.consultationtracker.events.report.ReportStarted;
import org.consultationtracker.events.report.ThemeIdentified;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Event histories of whole consultations run as Open Space, as the command side records them: domain events of the
 * Consultation, Participant, Agenda, Conversation, Idea and Report aggregates, each aggregate numbered from 0, with the
 * actor and role in the metadata. A consultation has registrations and consents, several sessions with a marketplace
 * (proposals pitched, clarified, merged, split, withdrawn), a grid of rounds and rooms, a conversation moved to another
 * room, conversations whose participants join, move between rooms ("the law of two feet") and leave, key points
 * recorded (some verbatim and attributed, sealed with the speaker's words key), edited, retracted and summarised,
 * plenary summaries and contributions, ideas, a report with themes, tags, a rewritten section and a publication, and
 * erasures under both contribution policies. The events of a consultation are in the order of the time they happened,
 * so the conversations of a round interleave as they would live.
 * <p>
 * Deterministic for a seed; one generator numbers the aggregates of every consultation it produced, so consultations
 * with distinct prefixes can be appended one after the other to one store.
 */
final class OpenSpaceHistory {

    private static final Instant START = Instant.parse("2024-02-05T09:00:00Z");
    private static final List<String> GROUPS = List.of("Care-experienced young people", "Foster carers",
                                                       "Social workers", "Teachers");
    private static final List<String> THEMES = List.of("Housing", "Being heard", "Money", "School", "Health");
    private static final List<String> TOPICS = List.of("Leaving care at 18", "Finding a home", "Staying put",
            "Contact with brothers and sisters", "Changing school", "Mental health support", "Pocket money",
            "Knowing your rights", "Too many social workers", "Being asked what you want", "Getting a job",
            "Savings accounts", "Placement moves", "Friends and sleepovers", "Independent visitors");

    private final Random random;
    private final Map<String, Long> sequences = new HashMap<>();
    private int consultations;

    OpenSpaceHistory(long seed) {
        this.random = new Random(seed);
    }

    /** One timed event before it becomes a message: ordered by {@code at}, then by the order it was made in. */
    private record Step(Instant at, int order, String aggregateType, String aggregateId, Object payload, String actor,
                        String role) {
    }

    private record Conversation(String id, String question, List<String> hostIds) {
    }

    private record KeyPoint(String id, String conversationId, String attributedTo) {
    }

    /**
     * The events of one consultation with ids prefixed by {@code p}: {@code participants} participants,
     * {@code sessions} Open Space sessions of {@code rounds} rounds in {@code rooms} rooms each.
     */
    List<DomainEventMessage<?>> consultation(String p, int participants, int sessions, int rounds, int rooms) {
        List<Step> steps = new ArrayList<>();
        Instant t0 = START.plus(Duration.ofDays(14L * consultations++));
        String consultationId = p + "c";
        Recorder record = new Recorder(steps);

        record.at(t0, "Consultation", consultationId, "facilitator", "FACILITATOR",
                  new ConsultationStarted(consultationId, "Growing up in care " + p,
                                          "What must change for children in care?", t0));
        List<String> groups = new ArrayList<>();
        for (int g = 0; g < GROUPS.size(); g++) {
            String groupId = p + "g" + g;
            groups.add(groupId);
            record.at(t0.plusSeconds(10 + g), "Consultation", consultationId, "facilitator", "FACILITATOR",
                      new StakeholderGroupDefined(consultationId, groupId, GROUPS.get(g), t0.plusSeconds(10 + g)));
        }

        List<String> people = new ArrayList<>();
        Map<String, String> groupOf = new HashMap<>();
        for (int i = 0; i < participants; i++) {
            String id = p + "pt" + i;
            people.add(id);
            Instant at = t0.plus(Duration.ofMinutes(5 + i));
            List<String> theirGroups = new ArrayList<>(List.of(pick(groups)));
            if (random.nextInt(6) == 0) {
                String second = pick(groups);
                if (!theirGroups.contains(second)) {
                    theirGroups.add(second);
                }
            }
            groupOf.put(id, theirGroups.get(0));
            record.at(at, "Participant", id, "facilitator", "FACILITATOR", new ParticipantRegistered(
                    id, consultationId, "P-" + p + i, theirGroups, pick(List.of(AgeBand.values())),
                    sealedValue(id + "/identity"), random.nextBoolean() ? sealedValue(id + "/identity") : null,
                    random.nextInt(4) == 0 ? sealedValue(id + "/identity") : null, at));
            record.at(at.plusSeconds(20), "Participant", id, "facilitator", "FACILITATOR",
                      new ConsentGiven(id, ConsentPurpose.TAKE_PART, at.plusSeconds(20)));
            if (random.nextInt(10) < 7) {
                record.at(at.plusSeconds(30), "Participant", id, "facilitator", "FACILITATOR",
                          new ConsentGiven(id, ConsentPurpose.BE_QUOTED, at.plusSeconds(30)));
            }
        }

        List<KeyPoint> keyPoints = new ArrayList<>();
        List<String> conversationIds = new ArrayList<>();
        List<String> agendaIds = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            String agendaId = p + "a" + s;
            agendaIds.add(agendaId);
            session(record, consultationId, agendaId, t0.plus(Duration.ofDays(1 + s)), people, rounds, rooms,
                    keyPoints, conversationIds);
        }

        Instant ideasAt = t0.plus(Duration.ofDays(1 + sessions));
        for (int i = 0; i < Math.max(3, participants / 10); i++) {
            String author = pick(people);
            Instant at = ideasAt.plus(Duration.ofMinutes(i * 7L));
            String ideaId = p + "idea" + i;
            record.at(at, "Idea", ideaId, "facilitator", "FACILITATOR", new IdeaSubmitted(
                    ideaId, consultationId, pick(agendaIds), groupOf.get(author),
                    random.nextInt(4) == 0 ? null : author,
                    random.nextBoolean() ? Wording.plain("Idea " + i + ": " + pick(TOPICS)) : sealed(author), at));
        }

        report(record, p, consultationId, t0.plus(Duration.ofDays(3 + sessions)), keyPoints, conversationIds);

        Instant end = t0.plus(Duration.ofDays(5 + sessions));
        String withdrawsQuotes = people.get(1);
        record.at(end, "Participant", withdrawsQuotes, "admin", "ADMIN",
                  new ConsentWithdrawn(withdrawsQuotes, ConsentPurpose.BE_QUOTED, end));
        String[] erased = erasedSpeakers(keyPoints, people);
        record.at(end.plusSeconds(60), "Participant", erased[0], "admin", "ADMIN",
                  new ParticipantErased(erased[0], ContributionPolicy.WITHDRAW_WORDS,
                          ErasureRequester.THE_PARTICIPANT, "asked in the app", null, end.plusSeconds(60)));
        record.at(end.plusSeconds(120), "Participant", erased[1], "admin", "ADMIN",
                  new ParticipantErased(erased[1], ContributionPolicy.KEEP_WORDS_DROP_IDENTITY,
                          ErasureRequester.THE_PARTICIPANT, "asked in the app", null, end.plusSeconds(120)));

        steps.sort(Comparator.comparing(Step::at).thenComparingInt(Step::order));
        List<DomainEventMessage<?>> messages = new ArrayList<>(steps.size());
        for (Step step : steps) {
            long sequence = sequences.merge(step.aggregateId(), 1L, Long::sum) - 1;
            messages.add(new GenericDomainEventMessage<>(step.aggregateType(), step.aggregateId(), sequence,
                                                         step.payload(), MetaData.with("actor", step.actor())
                                                                                 .and("role", step.role())));
        }
        return messages;
    }

    private void session(Recorder record, String consultationId, String agendaId, Instant day, List<String> people,
                         int rounds, int rooms, List<KeyPoint> keyPoints, List<String> conversationIds) {
        Instant opening = day;
        Instant announced = opening.minus(Duration.ofHours(2));
        record.at(announced, "Consultation", consultationId, "facilitator", "FACILITATOR", new SessionScheduled(
                consultationId, agendaId, SessionKind.OPEN_SPACE, "Open Space " + agendaId, opening,
                opening.plus(Duration.ofHours(7)), announced));
        record.at(opening.plusSeconds(30), "Agenda", agendaId, "facilitator", "FACILITATOR", new FramingQuestionPosed(
                agendaId, consultationId, "What would make leaving care better?", opening.plusSeconds(30)));
        List<String> roomNames = new ArrayList<>();
        for (int r = 0; r < rooms; r++) {
            roomNames.add("Room " + (r + 1));
        }
        String spareRoom = "Garden";
        List<String> gridRooms = new ArrayList<>(roomNames);
        gridRooms.add(spareRoom);
        List<GridRound> grid = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            Instant starts = opening.plus(Duration.ofMinutes(60L + (round - 1) * 75L));
            grid.add(new GridRound(round, starts, starts.plus(Duration.ofMinutes(50))));
        }
        record.at(opening.plusSeconds(60), "Agenda", agendaId, "facilitator", "FACILITATOR",
                  new GridDefined(agendaId, grid, gridRooms, opening.plusSeconds(60)));

        // The marketplace: more proposals than slots, some pitched or clarified, merged, split or withdrawn.
        List<String> present = new ArrayList<>(people);
        Collections.shuffle(present, random);
        present = present.subList(0, Math.max(rooms * 2, present.size() * 17 / 20));
        int slots = rounds * rooms;
        int proposalCount = slots + 4;
        List<String> proposers = new ArrayList<>(present);
        Collections.shuffle(proposers, random);
        Map<String, Conversation> open = new LinkedHashMap<>();
        for (int i = 0; i < proposalCount; i++) {
            String proposalId = agendaId + "-pr" + i;
            String proposer = proposers.get(i % proposers.size());
            Instant at = opening.plus(Duration.ofMinutes(5)).plusSeconds(20L * i);
            String question = pick(TOPICS) + "?";
            record.at(at, "Agenda", agendaId, "facilitator", "FACILITATOR",
                      new ConversationProposed(agendaId, proposalId, proposer, Wording.plain(question), Wording.plain("Pitch for " + question), at));
            open.put(proposalId, new Conversation(proposalId, question, List.of(proposer)));
            if (random.nextInt(4) == 0) {
                record.at(at.plusSeconds(5), "Agenda", agendaId, "facilitator", "FACILITATOR",
                          new ProposalPitched(agendaId, proposalId, Wording.plain("Longer pitch for " + question), at.plusSeconds(5)));
            }
        }
        List<String> ids = new ArrayList<>(open.keySet());
        Instant sorting = opening.plus(Duration.ofMinutes(30));
        record.at(sorting, "Agenda", agendaId, "facilitator", "FACILITATOR", new ProposalClarified(
                agendaId, ids.get(1), ids.get(0), Wording.plain(open.get(ids.get(1)).question() + " (not the same as the first)"),
                sorting));
        // Two merges, the second a merge of the first's result.
        Conversation a = open.remove(ids.get(2));
        Conversation b = open.remove(ids.get(3));
        List<String> hostsAb = union(a.hostIds(), b.hostIds());
        String mergedAb = agendaId + "-m0";
        record.at(sorting.plusSeconds(60), "Agenda", agendaId, "facilitator", "FACILITATOR", new ProposalsMerged(
                agendaId, mergedAb, List.of(a.id(), b.id()), a.question() + " / " + b.question(), "they overlap",
                hostsAb, hostsAb, sorting.plusSeconds(60)));
        Conversation c = open.remove(ids.get(4));
        List<String> hostsAbc = union(hostsAb, c.hostIds());
        String mergedAbc = agendaId + "-m1";
        record.at(sorting.plusSeconds(120), "Agenda", agendaId, "facilitator", "FACILITATOR", new ProposalsMerged(
                agendaId, mergedAbc, List.of(mergedAb, c.id()), c.question() + " and more", "same people",
                c.hostIds(), hostsAbc, sorting.plusSeconds(120)));
        open.put(mergedAbc, new Conversation(mergedAbc, c.question() + " and more", hostsAbc));
        // A split into two parts hosted by the proposer and someone else.
        Conversation whole = open.remove(ids.get(5));
        List<String> splitHosts = union(whole.hostIds(), List.of(proposers.get(proposalCount % proposers.size())));
        List<SplitPart> parts = List.of(new SplitPart(agendaId + "-sp0", whole.question() + " (part one)", splitHosts),
                                        new SplitPart(agendaId + "-sp1", whole.question() + " (part two)", splitHosts));
        record.at(sorting.plusSeconds(180), "Agenda", agendaId, "facilitator", "FACILITATOR",
                  new ProposalSplit(agendaId, whole.id(), parts, splitHosts, sorting.plusSeconds(180)));
        for (SplitPart part : parts) {
            open.put(part.proposalId(), new Conversation(part.proposalId(), part.question(), splitHosts));
        }
        Conversation withdrawn = open.remove(ids.get(6));
        record.at(sorting.plusSeconds(240), "Agenda", agendaId, "facilitator", "FACILITATOR",
                  new ProposalWithdrawn(agendaId, withdrawn.id(), "the proposer left", sorting.plusSeconds(240)));

        // The grid: the first proposals fill the slots, the rest stay unscheduled.
        List<Conversation> candidates = new ArrayList<>(open.values());
        Collections.shuffle(candidates, random);
        List<List<Conversation>> byRound = new ArrayList<>();
        Map<String, String> roomOf = new HashMap<>();
        Instant scheduling = sorting.plus(Duration.ofMinutes(10));
        for (int round = 1; round <= rounds; round++) {
            List<Conversation> inRound = new ArrayList<>();
            for (int room = 0; room < rooms && !candidates.isEmpty(); room++) {
                Conversation conversation = candidates.remove(0);
                inRound.add(conversation);
                roomOf.put(conversation.id(), roomNames.get(room));
                Instant at = scheduling.plusSeconds(10L * (round * rooms + room));
                record.at(at, "Agenda", agendaId, "facilitator", "FACILITATOR", new ConversationScheduled(
                        agendaId, conversation.id(), round, roomNames.get(room), conversation.hostIds(),
                        Wording.plain(conversation.question()), at));
            }
            byRound.add(inRound);
        }
        record.at(scheduling.plus(Duration.ofMinutes(5)), "Agenda", agendaId, "facilitator", "FACILITATOR",
                  new AgendaAnnounced(agendaId, slots, Collections.nCopies(rounds, rooms),
                                      slots + " conversations in " + rounds + " rounds", "the wall",
                                      scheduling.plus(Duration.ofMinutes(5))));
        // One conversation of the last round moves to the garden.
        Conversation moved = byRound.get(rounds - 1).get(0);
        record.at(scheduling.plus(Duration.ofMinutes(8)), "Agenda", agendaId, "facilitator", "FACILITATOR",
                  new ConversationMoved(agendaId, moved.id(), rounds, roomOf.get(moved.id()), rounds, spareRoom,
                                        scheduling.plus(Duration.ofMinutes(8))));
        roomOf.put(moved.id(), spareRoom);

        for (int round = 1; round <= rounds; round++) {
            GridRound slot = grid.get(round - 1);
            record.at(slot.startsAt(), "Agenda", agendaId, "facilitator", "FACILITATOR",
                      new RoundOpened(agendaId, round, slot.startsAt()));
            round(record, agendaId, round, slot, byRound.get(round - 1), roomOf, present, keyPoints);
            record.at(slot.endsAt(), "Agenda", agendaId, "facilitator", "FACILITATOR",
                      new RoundClosed(agendaId, round, slot.endsAt()));
            byRound.get(round - 1).forEach(conversation -> conversationIds.add(conversation.id()));
        }
    }

    private void round(Recorder record, String agendaId, int round, GridRound slot, List<Conversation> conversations,
                       Map<String, String> roomOf, List<String> present, List<KeyPoint> keyPoints) {
        Instant start = slot.startsAt();
        Set<String> busy = new HashSet<>();
        Map<String, String> starters = new LinkedHashMap<>();
        Map<String, List<String>> members = new LinkedHashMap<>();
        List<String> free = new ArrayList<>(present);
        Collections.shuffle(free, random);
        for (Conversation conversation : conversations) {
            String starter = conversation.hostIds().stream().filter(h -> !busy.contains(h)).findFirst()
                                         .orElseGet(() -> free.stream().filter(h -> !busy.contains(h)).findFirst()
                                                              .orElseThrow());
            busy.add(starter);
            starters.put(conversation.id(), starter);
            members.put(conversation.id(), new ArrayList<>(List.of(starter)));
            Instant at = start.plusSeconds(random.nextInt(120));
            record.at(at, "Conversation", conversation.id(), "facilitator", "FACILITATOR", new ConversationStarted(
                    conversation.id(), agendaId, round, roomOf.get(conversation.id()), starter, at));
        }
        int next = 0;
        for (String participant : free) {
            if (busy.add(participant)) {
                Conversation conversation = conversations.get(next++ % conversations.size());
                members.get(conversation.id()).add(participant);
                Instant at = start.plusSeconds(120 + random.nextInt(480));
                record.at(at, "Conversation", conversation.id(), "facilitator", "FACILITATOR",
                          new ParticipantJoinedConversation(conversation.id(), agendaId, round, participant, null, at));
            }
        }
        // The law of two feet: some move to another room, a few leave early; then everybody leaves at the end.
        Map<String, String> whereNow = new LinkedHashMap<>();
        members.forEach((conversationId, inIt) -> inIt.forEach(member -> whereNow.put(member, conversationId)));
        for (String participant : new ArrayList<>(whereNow.keySet())) {
            if (starters.containsValue(participant) || conversations.size() < 2) {
                continue;
            }
            int fate = random.nextInt(20);
            Instant at = start.plus(Duration.ofMinutes(15 + random.nextInt(20))).plusSeconds(random.nextInt(60));
            String from = whereNow.get(participant);
            if (fate < 5) {
                String to = conversations.get(random.nextInt(conversations.size())).id();
                if (to.equals(from)) {
                    continue;
                }
                record.at(at, "Conversation", from, "facilitator", "FACILITATOR",
                          new ParticipantLeftConversation(from, agendaId, round, participant, to, at));
                record.at(at, "Conversation", to, "facilitator", "FACILITATOR",
                          new ParticipantJoinedConversation(to, agendaId, round, participant, from, at));
                whereNow.put(participant, to);
                members.get(to).add(participant);
            } else if (fate == 5) {
                record.at(at, "Conversation", from, "facilitator", "FACILITATOR",
                          new ParticipantLeftConversation(from, agendaId, round, participant, null, at));
                whereNow.remove(participant);
            }
        }
        for (Conversation conversation : conversations) {
            String id = conversation.id();
            List<String> inIt = members.get(id);
            List<KeyPoint> recorded = new ArrayList<>();
            int count = 5 + random.nextInt(6);
            for (int k = 0; k < count; k++) {
                String keyPointId = id + "-kp" + k;
                Instant at = start.plus(Duration.ofMinutes(5 + random.nextInt(38))).plusSeconds(random.nextInt(60));
                boolean verbatim = random.nextInt(10) < 4;
                String speaker = verbatim ? pick(inIt) : null;
                record.at(at, "Conversation", id, "notetaker", "NOTE_TAKER", new KeyPointRecorded(
                        id, keyPointId, pick(List.of(KeyPointKind.values())),
                        verbatim ? sealed(speaker) : Wording.plain(pick(TOPICS) + " matters because of " + k),
                        verbatim, speaker, "notetaker", at));
                KeyPoint keyPoint = new KeyPoint(keyPointId, id, speaker);
                int fate = random.nextInt(20);
                if (fate < 5) {
                    int edits = fate == 0 ? 2 : 1;
                    for (int e = 1; e <= edits; e++) {
                        Instant editedAt = at.plusSeconds(60L * e + random.nextInt(50));
                        record.at(editedAt, "Conversation", id, "notetaker", "NOTE_TAKER", new KeyPointEdited(
                                id, keyPointId,
                                verbatim ? sealed(speaker) : Wording.plain("Edited point " + k + "." + e),
                                e == 1 ? "clarity" : "precision", e == 1 ? "notetaker" : "facilitator", editedAt));
                    }
                    recorded.add(keyPoint);
                } else if (fate == 5) {
                    Instant retractedAt = at.plusSeconds(90);
                    record.at(retractedAt, "Conversation", id, "notetaker", "NOTE_TAKER",
                              new KeyPointRetracted(id, keyPointId, "recorded in the wrong room", "notetaker",
                                                    retractedAt));
                } else {
                    recorded.add(keyPoint);
                }
            }
            keyPoints.addAll(recorded);
            int summaries = random.nextInt(5) == 0 ? 2 : 1;
            for (int s = 0; s < summaries && !recorded.isEmpty(); s++) {
                Instant at = start.plus(Duration.ofMinutes(44 + 2L * s));
                List<String> cited = new ArrayList<>();
                for (KeyPoint keyPoint : recorded) {
                    if (random.nextInt(3) == 0 || cited.isEmpty()) {
                        cited.add(keyPoint.id());
                    }
                }
                record.at(at, "Conversation", id, "notetaker", "NOTE_TAKER", new ConversationSummarised(
                        id, (s == 0 ? "First summary of " : "Second summary of ") + conversation.question(), cited,
                        starters.get(id), at));
            }
            if (random.nextInt(3) > 0) {
                for (String member : inIt) {
                    if (id.equals(whereNow.get(member))) {
                        Instant at = start.plus(Duration.ofMinutes(47)).plusSeconds(random.nextInt(120));
                        record.at(at, "Conversation", id, "facilitator", "FACILITATOR",
                                  new ParticipantLeftConversation(id, agendaId, round, member, null, at));
                    }
                }
            }
            Instant plenary = slot.endsAt().plus(Duration.ofMinutes(10));
            record.at(plenary, "Conversation", id, "facilitator", "FACILITATOR", new PlenarySummaryRecorded(
                    id, agendaId, round, "In " + roomOf.get(id) + " we talked about " + conversation.question(),
                    starters.get(id), plenary));
            if (random.nextInt(4) == 0) {
                String contributor = pick(inIt);
                Instant at = plenary.plusSeconds(90);
                record.at(at, "Conversation", id, "notetaker", "NOTE_TAKER", new PlenaryContributionRecorded(
                        id, id + "-pc", contributor,
                        random.nextBoolean() ? sealed(contributor) : Wording.plain("From the floor"),
                        at));
            }
        }
    }

    private void report(Recorder record, String p, String consultationId, Instant at, List<KeyPoint> keyPoints,
                        List<String> conversationIds) {
        String reportId = p + "r";
        record.at(at, "Report", reportId, "facilitator", "FACILITATOR",
                  new ReportStarted(reportId, consultationId, "What we heard " + p, at));
        List<String> themes = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            String themeId = p + "t" + t;
            themes.add(themeId);
            Instant identified = at.plus(Duration.ofMinutes(10L + t));
            record.at(identified, "Report", reportId, "facilitator", "FACILITATOR",
                      new ThemeIdentified(reportId, themeId, THEMES.get(t), "About " + THEMES.get(t), identified));
        }
        List<KeyPoint> shuffled = new ArrayList<>(keyPoints);
        Collections.shuffle(shuffled, random);
        List<KeyPoint> tagged = shuffled.subList(0, Math.min(16, shuffled.size()));
        for (int i = 0; i < tagged.size(); i++) {
            Instant taggedAt = at.plus(Duration.ofMinutes(20L + i));
            record.at(taggedAt, "Report", reportId, "facilitator", "FACILITATOR", new KeyPointTagged(
                    reportId, themes.get(i % themes.size()), tagged.get(i).id(), tagged.get(i).conversationId(),
                    taggedAt));
        }
        List<KeyPoint> quotes = shuffled.stream().filter(k -> k.attributedTo() != null).limit(6).toList();
        List<PublishedSection> published = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            String sectionId = p + "s" + s;
            List<Citation> citations = new ArrayList<>();
            citations.add(new Citation(CitationKind.THEME, themes.get(s)));
            if (s < quotes.size()) {
                citations.add(new Citation(CitationKind.QUOTE, quotes.get(s).id()));
            }
            citations.add(new Citation(CitationKind.KEY_POINT, shuffled.get((20 + s) % shuffled.size()).id()));
            citations.add(new Citation(CitationKind.CONVERSATION, conversationIds.get(s)));
            Instant written = at.plus(Duration.ofHours(2 + s));
            record.at(written, "Report", reportId, "facilitator", "FACILITATOR", new ReportSectionWritten(
                    reportId, sectionId, s + 1, THEMES.get(s), "Draft about " + THEMES.get(s), citations, written));
            String text = "About " + THEMES.get(s);
            if (s == 1) { // rewritten with another quote
                List<Citation> rewritten = new ArrayList<>(citations);
                if (quotes.size() > 3) {
                    rewritten.add(new Citation(CitationKind.QUOTE, quotes.get(3).id()));
                }
                text = "Rewritten: about " + THEMES.get(s);
                Instant again = written.plus(Duration.ofMinutes(30));
                record.at(again, "Report", reportId, "facilitator", "FACILITATOR", new ReportSectionWritten(
                        reportId, sectionId, s + 1, THEMES.get(s), text, rewritten, again));
                citations = rewritten;
            }
            published.add(new PublishedSection(sectionId, s + 1, THEMES.get(s), text, citations));
        }
        Instant publishedAt = at.plus(Duration.ofDays(1));
        record.at(publishedAt, "Report", reportId, "facilitator", "FACILITATOR",
                  new ReportPublished(reportId, 1, null, published, publishedAt));
    }

    /** Two speakers of recorded key points (so the erasures have words to withdraw or keep). */
    private static String[] erasedSpeakers(List<KeyPoint> keyPoints, List<String> people) {
        List<String> speakers = keyPoints.stream().map(KeyPoint::attributedTo).filter(s -> s != null)
                                         .distinct().toList();
        if (speakers.size() >= 2) {
            return new String[] {speakers.get(0), speakers.get(1)};
        }
        return new String[] {people.get(2), people.get(3)};
    }

    private Wording sealed(String speaker) {
        return Wording.encrypted(sealedValue(speaker + "/words"));
    }

    private EncryptedValue sealedValue(String keyId) {
        byte[] iv = new byte[12];
        byte[] ciphertext = new byte[24 + random.nextInt(40)];
        random.nextBytes(iv);
        random.nextBytes(ciphertext);
        Base64.Encoder base64 = Base64.getEncoder();
        return new EncryptedValue(keyId, base64.encodeToString(iv), base64.encodeToString(ciphertext));
    }

    private static List<String> union(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        second.stream().filter(id -> !all.contains(id)).forEach(all::add);
        return all;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Collects the steps of one consultation in the order they are made. */
    private static final class Recorder {
        private final List<Step> steps;

        Recorder(List<Step> steps) {
            this.steps = steps;
        }

        void at(Instant at, String aggregateType, String aggregateId, String actor, String role, Object payload) {
            steps.add(new Step(at, steps.size(), aggregateType, aggregateId, payload, actor, role));
        }
    }
}
