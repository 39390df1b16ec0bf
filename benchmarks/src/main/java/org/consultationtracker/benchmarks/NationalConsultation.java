package org.consultationtracker.benchmarks;

import org.consultationtracker.events.Wording;
import org.consultationtracker.events.agenda.ConversationProposed;
import org.consultationtracker.events.agenda.ConversationScheduled;
import org.consultationtracker.events.agenda.FramingQuestionPosed;
import org.consultationtracker.events.agenda.GridDefined;
import org.consultationtracker.events.agenda.GridRound;
import org.consultationtracker.events.agenda.ProposalsMerged;
import org.consultationtracker.events.agenda.RoundClosed;
import org.consultationtracker.events.agenda.RoundOpened;
import org.consultationtracker.events.consultation.ConsultationStarted;
import org.consultationtracker.events.consultation.SessionFeedbackGiven;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A national consultation shaped like the "Create" event of the seed dataset, repeated until a number of events: each
 * consultation defines stakeholder groups and runs Open Space sessions (framing question, a grid of 3 rounds x 10
 * rooms, 32 proposals of which two are merged, 30 conversations scheduled, rounds opened and closed, participants
 * joining, moving between rooms and leaving, key points recorded, edited and retracted, summaries, plenary summaries
 * and contributions), a report per session (themes, tagged key points, sections citing key points, quotes,
 * conversations and themes, three published versions) and a Call for Ideas. Participants come from a pool per
 * consultation, registered (with their consents) the first time a session needs them, so one person's voice spans
 * several sessions.
 *
 * <p>Every event is the record the command side's aggregate applies for the command that causes it, in the order the
 * command side accepts them: the events of one command are handed to the {@link Sink} together, under the aggregate
 * type and id the command side stores them under. Attributed words and personal data are sealed with the
 * participant's keys ({@link ParticipantKeys}). Deterministic from the seed, except for the wrapped keys and
 * ciphertexts, which depend on the run's master key.
 */
final class NationalConsultation {

    /** Receives the events of one command: one aggregate's events, in order. */
    interface Sink {
        void command(String aggregateType, String aggregateId, List<Object> events);
    }

    static final Instant T0 = Instant.parse("2025-01-13T09:00:00Z");
    static final int SESSIONS_PER_CONSULTATION = 40;
    static final int POOL_PER_CONSULTATION = 1_200;
    static final int ATTENDEES_PER_SESSION = 60;
    static final int ROUNDS = 3;
    static final int ROOMS = 10;
    static final int KEY_POINTS_PER_CONVERSATION = 10;
    static final int IDEAS_PER_SESSION = 12;
    static final int FEEDBACK_PER_SESSION = 3;
    static final List<String> GROUPS = List.of("kinship-carers", "foster-carers", "adoptive-parents",
                                               "birth-parents", "care-experienced", "professionals");
    private static final String[] WORDS = ("support care family workload trust stability placement social worker "
            + "voice listen early help school housing mental health funding training respite contact siblings "
            + "transition leaving care advocacy court assessment kinship foster adoption record consistent "
            + "relationship community local national review recommendation change").split(" ");

    private final Random random;
    private final ParticipantKeys keys;
    private final Sink sink;
    private final KnownIds known;
    private final Map<String, Integer> registeredUpTo = new LinkedHashMap<>();
    private long events;

    NationalConsultation(long seed, ParticipantKeys keys, Sink sink, KnownIds known) {
        this.random = new Random(seed);
        this.keys = keys;
        this.sink = sink;
        this.known = known;
    }

    /** Generates whole sessions until at least {@code target} events were emitted; returns how many were. */
    long generate(long target) {
        for (int session = 0; events < target; session++) {
            if (session % SESSIONS_PER_CONSULTATION == 0) {
                consultation(session / SESSIONS_PER_CONSULTATION);
            }
            openSpace(session);
        }
        return events;
    }

    private void consultation(int c) {
        String consultationId = consultationId(c);
        Instant at = T0.plus(Duration.ofDays(60L * c));
        List<Object> started = new ArrayList<>();
        started.add(new ConsultationStarted(consultationId, "National review " + (c + 1),
                                            "How do we ensure children grow up in loving, stable and safe families?",
                                            at));
        for (String group : GROUPS) {
            started.add(new StakeholderGroupDefined(consultationId, group, group.replace('-', ' '), at));
        }
        emit("Consultation", consultationId, started);
        known.consultations.add(consultationId);
        String callForIdeas = consultationId + "-ideas";
        emit("Consultation", consultationId, List.of(new SessionScheduled(consultationId, callForIdeas,
                SessionKind.CALL_FOR_IDEAS, "Call for Ideas " + (c + 1), at, at.plus(Duration.ofDays(50)), at)));
        registeredUpTo.put(consultationId, 0);
    }

    private void openSpace(int s) {
        int c = s / SESSIONS_PER_CONSULTATION;
        String consultationId = consultationId(c);
        String agendaId = "s" + s + "-open-space";
        Instant start = T0.plus(Duration.ofDays(60L * c + 1 + (s % SESSIONS_PER_CONSULTATION)));
        emit("Consultation", consultationId, List.of(new SessionScheduled(consultationId, agendaId,
                SessionKind.OPEN_SPACE, "Create " + (s + 1), start, start.plus(Duration.ofHours(5)),
                start.minus(Duration.ofDays(7)))));
        known.agendas.add(agendaId);
        emit("Agenda", agendaId, List.of(new FramingQuestionPosed(agendaId, consultationId,
                "What would make the care system work for the children in it? (" + (s + 1) + ")",
                start.minus(Duration.ofDays(6)))));
        List<GridRound> rounds = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            Instant opens = start.plus(Duration.ofMinutes(60L * round));
            rounds.add(new GridRound(round, opens, opens.plus(Duration.ofMinutes(45))));
        }
        List<String> rooms = new ArrayList<>();
        for (int room = 1; room <= ROOMS; room++) {
            rooms.add("Room " + room);
        }
        emit("Agenda", agendaId, List.of(new GridDefined(agendaId, rounds, rooms, start.minus(Duration.ofDays(6)))));

        List<String> attendees = attendees(c, s, start.minus(Duration.ofDays(5)));
        // Proposal for round r, room m is made by the person who will host it: attendee m * 6 + (r - 1).
        int slots = ROUNDS * ROOMS;
        List<String> conversations = new ArrayList<>();
        List<Wording> questions = new ArrayList<>();
        for (int k = 0; k < slots + 2; k++) {
            String proposer = k < slots ? host(attendees, k) : attendees.get(k);
            String proposalId = agendaId + "-p" + k;
            questions.add(keys.words(proposer, sentence(12)));
            emit("Agenda", agendaId, List.of(new ConversationProposed(agendaId, proposalId, proposer,
                    questions.get(k), k % 3 == 0 ? keys.words(proposer, sentence(20)) : null,
                    start.plusSeconds(60L * k))));
        }
        // The last slot takes a merge of two proposals instead of its own.
        String merged = agendaId + "-m";
        String lastHost = host(attendees, slots - 1);
        String mergedQuestion = sentence(10);
        emit("Agenda", agendaId, List.of(new ProposalsMerged(agendaId, merged,
                List.of(agendaId + "-p" + slots, agendaId + "-p" + (slots + 1)), mergedQuestion, "same question",
                List.of(attendees.get(slots), attendees.get(slots + 1)), List.of(lastHost),
                start.plus(Duration.ofMinutes(40)))));
        for (int k = 0; k < slots; k++) {
            String conversationId = k == slots - 1 ? merged : agendaId + "-p" + k;
            conversations.add(conversationId);
            String hostId = host(attendees, k);
            // The scheduled conversation carries its proposal's question as the agenda holds it.
            Wording question = k == slots - 1 ? Wording.plain(mergedQuestion) : questions.get(k);
            emit("Agenda", agendaId, List.of(new ConversationScheduled(agendaId, conversationId, round(k),
                    "Room " + room(k), List.of(hostId), question, start.plus(Duration.ofMinutes(45)))));
        }
        for (int round = 1; round <= ROUNDS; round++) {
            Instant opened = rounds.get(round - 1).startsAt();
            emit("Agenda", agendaId, List.of(new RoundOpened(agendaId, round, opened)));
            for (int room = 1; room <= ROOMS; room++) {
                conversation(agendaId, round, room, conversations, attendees, opened);
            }
            Instant closed = opened.plus(Duration.ofMinutes(45));
            emit("Agenda", agendaId, List.of(new RoundClosed(agendaId, round, closed)));
            for (int room = 1; room <= ROOMS; room++) {
                String conversationId = conversations.get((round - 1) * ROOMS + room - 1);
                String presenter = host(attendees, (round - 1) * ROOMS + room - 1);
                emit("Conversation", conversationId, List.of(new PlenarySummaryRecorded(conversationId, agendaId,
                        round, sentence(25), presenter, closed.plus(Duration.ofMinutes(room)))));
                if (room % 3 == 1) {
                    String contributor = room % 2 == 1 ? attendees.get(room * 5) : null;
                    String contributionId = conversationId + "-pc";
                    emit("Conversation", conversationId, List.of(new PlenaryContributionRecorded(conversationId,
                            contributionId, contributor, keys.words(contributor, sentence(18)),
                            closed.plus(Duration.ofMinutes(room)).plusSeconds(30))));
                }
            }
        }
        feedback(consultationId, agendaId, attendees, start.plus(Duration.ofHours(8)));
        report(s, consultationId, agendaId, conversations, attendees, start.plus(Duration.ofDays(3)));
        ideas(c, s, consultationId, start);
    }

    /** What people said about the session itself: two named attendees (their words key) and one anonymous voice. */
    private void feedback(String consultationId, String agendaId, List<String> attendees, Instant at) {
        for (int i = 0; i < FEEDBACK_PER_SESSION; i++) {
            String feedbackId = agendaId + "-fb" + i;
            String contributor = i == FEEDBACK_PER_SESSION - 1 ? null : attendees.get(i * 7 % attendees.size());
            known.feedback.add(feedbackId);
            emit("SessionFeedback", feedbackId, List.of(new SessionFeedbackGiven(consultationId, agendaId,
                    feedbackId, contributor, keys.words(contributor, sentence(16)), i % 2 == 0,
                    at.plusSeconds(i))));
        }
    }

    private void conversation(String agendaId, int round, int room, List<String> conversations,
                              List<String> attendees, Instant opened) {
        int k = (round - 1) * ROOMS + room - 1;
        String conversationId = conversations.get(k);
        known.conversations.add(conversationId);
        String hostId = host(attendees, k);
        emit("Conversation", conversationId, List.of(new ConversationStarted(conversationId, agendaId, round,
                "Room " + room, hostId, opened.plusSeconds(60))));
        // The room's six attendees (the host is one of them) take part; the first of the next room moves in late.
        List<String> present = new ArrayList<>();
        present.add(hostId);
        for (int j = 0; j < 6; j++) {
            String person = attendees.get((room - 1) * 6 + j);
            if (!person.equals(hostId)) {
                emit("Conversation", conversationId, List.of(new ParticipantJoinedConversation(conversationId,
                        agendaId, round, person, null, opened.plusSeconds(90L + 10L * j))));
                present.add(person);
            }
        }
        List<String> keyPoints = new ArrayList<>();
        List<String> speakers = new ArrayList<>();
        for (int j = 0; j < KEY_POINTS_PER_CONVERSATION; j++) {
            String keyPointId = conversationId + "-kp" + j;
            String speaker = j % 2 == 0 ? present.get(j / 2 % present.size()) : null;
            keyPoints.add(keyPointId);
            speakers.add(speaker);
            emit("Conversation", conversationId, List.of(new KeyPointRecorded(conversationId, keyPointId,
                    KeyPointKind.values()[j % KeyPointKind.values().length], keys.words(speaker, sentence(24)),
                    j % 4 == 0, speaker, "notetaker", opened.plusSeconds(300L + 120L * j))));
        }
        for (int j = 1; j < KEY_POINTS_PER_CONVERSATION; j += 3) {
            emit("Conversation", conversationId, List.of(new KeyPointEdited(conversationId, keyPoints.get(j),
                    keys.words(speakers.get(j), sentence(24)), "clarity", "notetaker",
                    opened.plusSeconds(1800L + j))));
        }
        String retracted = keyPoints.get(KEY_POINTS_PER_CONVERSATION - 1);
        emit("Conversation", conversationId, List.of(new KeyPointRetracted(conversationId, retracted,
                "recorded twice", "notetaker", opened.plusSeconds(1900))));
        // A move: the second attendee of this room moves to the next room (in the same round) before the end.
        if (room < ROOMS) {
            String mover = attendees.get((room - 1) * 6 + 1);
            if (!mover.equals(hostId)) {
                String next = conversations.get(k + 1);
                emit("Conversation", conversationId, List.of(new ParticipantLeftConversation(conversationId,
                        agendaId, round, mover, next, opened.plusSeconds(2000))));
                present.remove(mover);
                known.movesInto.put(next, mover);
            }
        }
        String arriving = known.movesInto.remove(conversationId);
        if (arriving != null) {
            emit("Conversation", conversationId, List.of(new ParticipantJoinedConversation(conversationId,
                    agendaId, round, arriving, conversations.get(k - 1), opened.plusSeconds(2000))));
            present.add(arriving);
        }
        emit("Conversation", conversationId, List.of(new ConversationSummarised(conversationId, sentence(40),
                keyPoints.subList(0, 5), hostId, opened.plusSeconds(2500))));
        for (int j = present.size() - 1; j >= 0; j--) {
            emit("Conversation", conversationId, List.of(new ParticipantLeftConversation(conversationId, agendaId,
                    round, present.get(j), null, opened.plusSeconds(2640L + j))));
        }
        for (int j = 0; j < KEY_POINTS_PER_CONVERSATION - 1; j++) {
            known.keyPoints.add(keyPoints.get(j));
            if (speakers.get(j) != null && mayBeQuoted(speakers.get(j))) {
                known.quotable.put(keyPoints.get(j), conversationId);
            }
        }
    }

    private void report(int s, String consultationId, String agendaId, List<String> conversations,
                        List<String> attendees, Instant at) {
        String reportId = "s" + s + "-report";
        known.reports.add(reportId);
        emit("Report", reportId, List.of(new ReportStarted(reportId, consultationId, "Create " + (s + 1)
                + ": what we heard", at)));
        List<String> themes = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            String themeId = reportId + "-t" + t;
            themes.add(themeId);
            emit("Report", reportId, List.of(new ThemeIdentified(reportId, themeId, "Theme " + (t + 1) + ": "
                    + sentence(3), sentence(20), at.plusSeconds(60L * t))));
        }
        for (int i = 0; i < 20; i++) {
            String conversationId = conversations.get(i * 3 % conversations.size());
            String keyPointId = conversationId + "-kp" + (i % (KEY_POINTS_PER_CONVERSATION - 1));
            emit("Report", reportId, List.of(new KeyPointTagged(reportId, themes.get(i % themes.size()), keyPointId,
                    conversationId, at.plusSeconds(600L + i))));
        }
        Map<String, PublishedSection> sections = new LinkedHashMap<>();
        for (int version = 1; version <= 3; version++) {
            int sectionsNow = version == 1 ? 4 : 5;
            for (int position = 1; position <= sectionsNow; position++) {
                // Version 1 writes four sections; each later version rewrites one and adds or rewrites another.
                boolean write = version == 1 || position == version || position == 5;
                if (!write) {
                    continue;
                }
                String sectionId = reportId + "-sec" + position;
                String conversationId = conversations.get((position * 7 + version) % conversations.size());
                List<Citation> citations = new ArrayList<>();
                citations.add(new Citation(CitationKind.CONVERSATION, conversationId));
                citations.add(new Citation(CitationKind.KEY_POINT, conversationId + "-kp1"));
                citations.add(new Citation(CitationKind.THEME, themes.get(position % themes.size())));
                String quote = quotableIn(conversationId);
                if (quote != null) {
                    citations.add(new Citation(CitationKind.QUOTE, quote));
                }
                PublishedSection section = new PublishedSection(sectionId, position, "Section " + position,
                                                                sentence(60), citations);
                sections.put(sectionId, section);
                known.sections.add(sectionId);
                emit("Report", reportId, List.of(new ReportSectionWritten(reportId, sectionId, position,
                        section.heading(), section.text(), citations,
                        at.plus(Duration.ofDays(version)).plusSeconds(position))));
            }
            emit("Report", reportId, List.of(new ReportPublished(reportId, version,
                    version == 1 ? "first publication" : "revised after review " + (version - 1),
                    List.copyOf(sections.values()), List.of(), at.plus(Duration.ofDays(version)).plusSeconds(3600))));
        }
    }

    private void ideas(int c, int s, String consultationId, Instant start) {
        String session = consultationId + "-ideas";
        for (int i = 0; i < IDEAS_PER_SESSION; i++) {
            String ideaId = "s" + s + "-idea" + i;
            // Named ideas come from anyone registered in the consultation; one in four is anonymous.
            String participantId = i % 4 == 3 ? null : participantId(c, random.nextInt(registeredUpTo.get(
                    consultationId)));
            emit("Idea", ideaId, List.of(new IdeaSubmitted(ideaId, consultationId, session,
                    GROUPS.get(i % GROUPS.size()), participantId, keys.words(participantId, sentence(30)),
                    start.plus(Duration.ofHours(6)).plusSeconds(i))));
        }
    }

    /** The session's attendees from the consultation's pool, registering those not registered yet. */
    private List<String> attendees(int c, int s, Instant at) {
        String consultationId = consultationId(c);
        int first = (s % SESSIONS_PER_CONSULTATION) * ATTENDEES_PER_SESSION / 2 % POOL_PER_CONSULTATION;
        List<String> attendees = new ArrayList<>();
        for (int i = 0; i < ATTENDEES_PER_SESSION; i++) {
            int index = (first + i) % POOL_PER_CONSULTATION;
            String participantId = participantId(c, index);
            if (index >= registeredUpTo.get(consultationId)) {
                register(consultationId, participantId, index, at.plusSeconds(i));
                registeredUpTo.put(consultationId, index + 1);
            }
            attendees.add(participantId);
        }
        return attendees;
    }

    private void register(String consultationId, String participantId, int index, Instant at) {
        keys.create(participantId, at);
        String pseudonym = "Voice " + consultationId.substring(consultationId.indexOf('-') + 1) + "." + index;
        known.participants.add(participantId);
        known.pseudonyms.add(pseudonym);
        List<Object> registered = new ArrayList<>();
        registered.add(new ParticipantRegistered(participantId, consultationId, pseudonym,
                List.of(GROUPS.get(index % GROUPS.size())), AgeBand.values()[index % AgeBand.values().length],
                keys.seal(ParticipantKeys.identityKeyId(participantId), "Person " + index),
                index % 3 == 0 ? keys.seal(ParticipantKeys.identityKeyId(participantId), "person" + index
                        + "@example.org") : null,
                index % 5 == 0 ? keys.seal(ParticipantKeys.identityKeyId(participantId), sentence(8)) : null, at));
        registered.add(new ConsentGiven(participantId, ConsentPurpose.TAKE_PART, at));
        if (index % 10 != 7) {
            registered.add(new ConsentGiven(participantId, ConsentPurpose.BE_QUOTED, at));
        }
        emit("Participant", participantId, registered);
        if (index % 25 == 3) {
            emit("Participant", participantId, List.of(new ConsentWithdrawn(participantId, ConsentPurpose.BE_QUOTED,
                    at.plusSeconds(30))));
        }
    }

    /** Those who gave consent to be quoted and did not withdraw it (see {@link #register}). */
    private static boolean mayBeQuoted(String participantId) {
        int index = Integer.parseInt(participantId.substring(participantId.lastIndexOf('-') + 1));
        return index % 10 != 7 && index % 25 != 3;
    }

    private String quotableIn(String conversationId) {
        for (int j = 0; j < KEY_POINTS_PER_CONVERSATION - 1; j++) {
            String keyPointId = conversationId + "-kp" + j;
            if (known.quotable.containsKey(keyPointId)) {
                return keyPointId;
            }
        }
        return null;
    }

    private static String host(List<String> attendees, int k) {
        return attendees.get((room(k) - 1) * 6 + round(k) - 1);
    }

    private static int round(int k) {
        return k / ROOMS + 1;
    }

    private static int room(int k) {
        return k % ROOMS + 1;
    }

    static String consultationId(int c) {
        return "nc-" + c;
    }

    static String participantId(int c, int index) {
        return "nc-" + c + "-p-" + index;
    }

    private String sentence(int words) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            text.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.append('.').toString();
    }

    private void emit(String aggregateType, String aggregateId, List<Object> payloads) {
        sink.command(aggregateType, aggregateId, payloads);
        events += payloads.size();
    }

    /** The ids the generator made, by kind, for filling the API's parameters. */
    static final class KnownIds {
        final List<String> consultations = new ArrayList<>();
        final List<String> agendas = new ArrayList<>();
        final List<String> conversations = new ArrayList<>();
        final List<String> participants = new ArrayList<>();
        final List<String> pseudonyms = new ArrayList<>();
        final List<String> keyPoints = new ArrayList<>();
        final List<String> reports = new ArrayList<>();
        final List<String> sections = new ArrayList<>();
        final List<String> feedback = new ArrayList<>();
        /** Live key points whose speaker may be quoted, with their conversation. */
        final Map<String, String> quotable = new LinkedHashMap<>();
        final Map<String, String> movesInto = new LinkedHashMap<>();
    }
}
