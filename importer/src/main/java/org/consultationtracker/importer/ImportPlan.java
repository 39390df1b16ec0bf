package org.consultationtracker.importer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.consultationtracker.importer.Dataset.Cite;
import org.consultationtracker.importer.Dataset.Conversation;
import org.consultationtracker.importer.Dataset.FeedbackQuote;
import org.consultationtracker.importer.Dataset.KeyPoint;
import org.consultationtracker.importer.Dataset.Participant;
import org.consultationtracker.importer.Dataset.Proposal;
import org.consultationtracker.importer.Dataset.ReportSection;
import org.consultationtracker.importer.Dataset.SectionItem;
import org.consultationtracker.importer.Dataset.Theme;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The dataset as the ordered list of command API requests a live event would have produced, with deterministic ids and
 * a deterministic {@code Idempotency-Key} per request, so that a second run stores nothing new. Pure: building a plan
 * sends nothing.
 *
 * <p>Ids: the dataset's own ids wherever it has them (participants {@code p-001}, key points {@code r1-c02-k03},
 * themes, report sections); a conversation's id is the id of the proposal scheduled into it, so the proposal of
 * dataset conversation {@code r1-c02} is sent as proposal {@code r1-c02} (the dataset's {@code pr-r1-c02}). The
 * consultation, session (= agenda) and report, which the dataset does not number, get the fixed ids below.
 *
 * <p>Keys: {@code dataset:create-open-space:<what>}; joins the importer derived rather than read from the dataset
 * (see {@link AttendancePlan}) are keyed {@code dataset:create-open-space:derived-attendance:<conversation>:<participant>},
 * so the event metadata ({@code idempotencyKey}) says which attendance is derived.
 */
public final class ImportPlan {

    public static final String DATASET_KEY = "create-open-space";
    public static final String KEY_PREFIX = "dataset:" + DATASET_KEY + ":";
    public static final String DERIVED_ATTENDANCE = "derived-attendance";

    public static final String CONSULTATION_ID = "bridge-the-gap";
    public static final String AGENDA_ID = "create-open-space";
    public static final String REPORT_ID = "bridge-the-gap-create-report";

    /** The groups a consultation gets when it names none (the command side's default eight). */
    static final Set<String> DEFAULT_GROUPS = Set.of("care-experienced-young-people", "care-experienced-adults",
            "birth-parents-and-families", "kinship-carers-and-special-guardians", "foster-carers",
            "adoptive-parents", "social-workers", "other-professionals");
    static final Map<String, String> EXTRA_GROUP_NAMES = Map.of(Dataset.UNKNOWN_GROUP, "Not stated in the report");

    /**
     * One request. Requests of one {@code phase} may run concurrently, one {@code lane} at a time: a lane is the
     * aggregate the requests address (a conversation, a participant, the agenda), so concurrent requests never
     * touch the same aggregate. Phases run one after another.
     */
    public record Step(int phase, String lane, String id, String label, String method, String path, ObjectNode body) {

        public String idempotencyKey() {
            return KEY_PREFIX + id;
        }
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Dataset dataset;
    private final AssumedTimeline time;
    private final AttendancePlan attendance;
    private final List<Step> steps = new ArrayList<>();
    private int phase;
    private String lane;

    public ImportPlan(Dataset dataset, AssumedTimeline time) {
        this.dataset = dataset;
        this.time = time;
        this.attendance = new AttendancePlan(dataset);
        validate();
        consultation();
        participants();
        agenda();
        for (Dataset.Round round : dataset.rounds()) {
            round(round);
        }
        feedback();
        report();
        Set<String> ids = new HashSet<>();
        for (Step step : steps) {
            if (!ids.add(step.id())) {
                throw new IllegalStateException("two requests share the key " + step.idempotencyKey());
            }
        }
    }

    public List<Step> steps() {
        return Collections.unmodifiableList(steps);
    }

    public AttendancePlan attendance() {
        return attendance;
    }

    /** A room's name: the dataset numbers rooms by listing order; zero-padded so names sort. */
    public static String roomName(int room, int rooms) {
        int width = String.valueOf(rooms).length();
        return "Room " + String.format(Locale.ROOT, "%0" + width + "d", room);
    }

    public int roomCount() {
        int rooms = 0;
        for (Dataset.Round round : dataset.rounds()) {
            rooms = Math.max(rooms, round.rooms().capacity());
        }
        return rooms;
    }

    private void validate() {
        if (dataset.schemaVersion() != 1) {
            throw new IllegalArgumentException("the importer reads dataset schema version 1, not "
                    + dataset.schemaVersion());
        }
        if (!"open-space".equals(dataset.session().kind())) {
            throw new IllegalArgumentException("the dataset's session is not an open-space session");
        }
        if (dataset.merges() != null && !dataset.merges().isEmpty()) {
            // docs/dataset.md defines no schema for a merge (the report records none); refuse rather than guess.
            throw new IllegalArgumentException("the dataset records merges, which this importer cannot replay yet");
        }
        for (Proposal proposal : dataset.proposals()) {
            if (proposal.mergedInto() != null) {
                throw new IllegalArgumentException("proposal " + proposal.id() + " is merged; not supported yet");
            }
        }
        Dataset.Round last = dataset.rounds().get(dataset.rounds().size() - 1);
        if (time.roundEnd(last.number(), slotMinutes(last)).isAfter(time.sessionEnd())) {
            throw new IllegalArgumentException("the assumed timetable does not fit into the session");
        }
        if (time.latest().isAfter(Instant.now())) {
            throw new IllegalArgumentException("the event date must be in the past: the command API refuses "
                    + "occurrences in the future");
        }
    }

    private static int slotMinutes(Dataset.Round round) {
        return round.assumed().slotMinutes();
    }

    private void add(String id, String label, String method, String path, ObjectNode body) {
        steps.add(new Step(phase, lane, id, label, method, path, body));
    }

    /** What follows comes after everything before it; {@code lane} until the next call to {@link #lane}. */
    private void phase(String lane) {
        if (!steps.isEmpty() && steps.get(steps.size() - 1).phase() == phase) {
            phase++;
        }
        this.lane = lane;
    }

    /** What follows runs in {@code lane} of the current phase. */
    private void lane(String lane) {
        this.lane = lane;
    }

    /** The requests phase by phase, each phase lane by lane (in plan order). */
    public List<List<List<Step>>> phases() {
        Map<Integer, Map<String, List<Step>>> phases = new java.util.TreeMap<>();
        for (Step step : steps) {
            phases.computeIfAbsent(step.phase(), p -> new LinkedHashMap<>())
                  .computeIfAbsent(step.lane(), l -> new ArrayList<>()).add(step);
        }
        List<List<List<Step>>> result = new ArrayList<>();
        phases.values().forEach(lanes -> result.add(List.copyOf(lanes.values())));
        return result;
    }

    private void consultation() {
        Dataset.ConsultationPart consultation = dataset.consultation();
        // The report never names the review (consultation.title is null); the consultation is titled with the
        // engagement's name as the report writes it.
        String title = consultation.title() != null ? consultation.title() : consultation.engagement().name();
        phase("consultation:" + CONSULTATION_ID);
        add("consultation", "starting the consultation", "POST", "/api/consultations", object()
                .put("consultationId", CONSULTATION_ID)
                .put("title", title)
                .put("bigQuestion", consultation.bigQuestion().text())
                .put("occurredAt", time.setup().toString()));
        Set<String> used = new TreeSet<>();
        dataset.participants().forEach(p -> used.addAll(p.stakeholderGroups()));
        for (String group : used) {
            if (!DEFAULT_GROUPS.contains(group)) {
                String name = EXTRA_GROUP_NAMES.get(group);
                if (name == null) {
                    throw new IllegalArgumentException("stakeholder group " + group + " is not known to the importer");
                }
                // This endpoint takes no occurredAt: the group is defined when the importer runs.
                add("stakeholder-group:" + group, "defining stakeholder group " + group, "POST",
                        "/api/consultations/" + CONSULTATION_ID + "/stakeholder-groups",
                        object().put("groupId", group).put("name", name));
            }
        }
        add("session", "scheduling the session", "POST", "/api/consultations/" + CONSULTATION_ID + "/sessions",
                object().put("sessionId", AGENDA_ID)
                        .put("kind", dataset.session().kind())
                        .put("title", dataset.session().title())
                        .put("startsAt", time.sessionStart().toString())
                        .put("endsAt", time.sessionEnd().toString())
                        .put("occurredAt", time.setup().toString()));
    }

    private void participants() {
        phase("participants");
        for (Participant participant : dataset.participants()) {
            lane("participant:" + participant.id());
            ObjectNode body = object()
                    .put("participantId", participant.id())
                    .put("consultationId", CONSULTATION_ID)
                    .put("pseudonym", participant.pseudonym());
            ArrayNode groups = body.putArray("stakeholderGroupIds");
            participant.stakeholderGroups().forEach(groups::add);
            // No personal data exists for anyone in the dataset. The API requires a name (stored encrypted); the
            // pseudonym is sent in its place, so nothing personal is invented. Age is not stated for anyone.
            body.put("ageBand", "NOT_SAID")
                .put("name", participant.pseudonym())
                .put("occurredAt", time.setup().toString());
            add("participant:" + participant.id(), "registering " + participant.id(), "POST", "/api/participants",
                    body);
        }
    }

    /** What the report announced about the agenda (42 conversations; 15 + 15 + 14 per round), as written. */
    private void announcement(String base) {
        Dataset.Announced announced = dataset.announced();
        if (announced == null) {
            return;
        }
        Integer total = announced.agenda() == null ? null : announced.agenda().count();
        List<Integer> perRound = announced.perRound() == null ? List.of() : announced.perRound();
        if (total == null && perRound.isEmpty()) {
            return;
        }
        List<String> quotes = new java.util.ArrayList<>();
        if (announced.agenda() != null && announced.agenda().asWritten() != null) {
            announced.agenda().asWritten().forEach(q -> quotes.add(quoted(q.text(), q.line())));
        }
        if (announced.perRoundAsWritten() != null) {
            announced.perRoundAsWritten().forEach(q -> quotes.add(quoted(q.asWritten(), q.line())));
        }
        ObjectNode body = object();
        if (total != null) {
            body.put("announcedConversations", total);
        }
        ArrayNode rounds = body.putArray("announcedPerRound");
        perRound.forEach(rounds::add);
        body.put("asWritten", quotes.isEmpty() ? "(not quoted in the dataset)" : String.join(" … ", quotes))
            .put("source", "the published report (seed 003_760149aa69ecbec8)")
            .put("occurredAt", time.sessionStart().toString());
        add("announcement", "recording what the report announced", "POST", base + "/announcements", body);
    }

    private static String quoted(String text, Integer line) {
        return "“" + text + "”" + (line == null ? "" : " (line " + line + ")");
    }

    private void agenda() {
        String base = "/api/agendas/" + AGENDA_ID;
        phase("agenda:" + AGENDA_ID);
        add("framing-question", "posing the framing question", "POST", base + "/framing-question", object()
                .put("question", dataset.session().framingQuestion().text())
                .put("occurredAt", time.sessionStart().toString()));
        ObjectNode grid = object();
        ArrayNode rounds = grid.putArray("rounds");
        for (Dataset.Round round : dataset.rounds()) {
            rounds.addObject().put("round", round.number())
                  .put("startsAt", time.roundStart(round.number()).toString())
                  .put("endsAt", time.roundEnd(round.number(), slotMinutes(round)).toString());
        }
        ArrayNode rooms = grid.putArray("rooms");
        int roomCount = roomCount();
        for (int room = 1; room <= roomCount; room++) {
            rooms.add(roomName(room, roomCount));
        }
        grid.put("occurredAt", time.sessionStart().toString());
        add("grid", "defining the grid", "PUT", base + "/grid", grid);
        announcement(base);

        List<Proposal> proposals = dataset.proposals();
        for (int i = 0; i < proposals.size(); i++) {
            Proposal proposal = proposals.get(i);
            ObjectNode body = object()
                    .put("proposalId", proposal.conversationId())
                    .put("proposerId", proposal.proposer())
                    .put("question", proposal.question());
            if (proposal.pitch() != null) {
                body.put("pitch", proposal.pitch());
            }
            body.put("occurredAt", time.proposal(i).toString());
            add("proposal:" + proposal.conversationId(), "proposing " + proposal.conversationId(), "POST",
                    base + "/proposals", body);
        }
        for (int i = 0; i < proposals.size(); i++) {
            Proposal proposal = proposals.get(i);
            add("schedule:" + proposal.conversationId(), "scheduling " + proposal.conversationId(), "POST",
                    base + "/schedule", object()
                            .put("proposalId", proposal.conversationId())
                            .put("round", proposal.round())
                            .put("room", roomName(proposal.room(), roomCount))
                            .put("occurredAt", time.scheduling(i).toString()));
        }
    }

    private void round(Dataset.Round round) {
        int number = round.number();
        String base = "/api/agendas/" + AGENDA_ID + "/rounds/" + number;
        phase("agenda:" + AGENDA_ID);
        add("round:" + number + ":open", "opening round " + number, "POST", base + "/open",
                object().put("occurredAt", time.roundStart(number).toString()));
        List<Conversation> conversations = dataset.conversationsOf(number);
        phase("conversations");
        for (Conversation conversation : conversations) {
            lane("conversation:" + conversation.id());
            add("start:" + conversation.id(), "starting " + conversation.id(), "POST",
                    "/api/conversations/" + conversation.id() + "/start", object()
                            .put("hostId", conversation.host())
                            .put("occurredAt", time.conversationStart(number).toString()));
        }
        for (Conversation conversation : conversations) {
            lane("conversation:" + conversation.id());
            AttendancePlan.Room room = attendance.room(conversation.id());
            for (String participantId : room.describedAttendees()) {
                join(conversation, participantId, "attendance");
            }
            for (String participantId : room.derivedAttendees()) {
                join(conversation, participantId, DERIVED_ATTENDANCE);
            }
        }
        for (Conversation conversation : conversations) {
            lane("conversation:" + conversation.id());
            List<KeyPoint> keyPoints = conversation.keyPoints();
            for (int i = 0; i < keyPoints.size(); i++) {
                KeyPoint keyPoint = keyPoints.get(i);
                ObjectNode body = object()
                        .put("keyPointId", keyPoint.id())
                        .put("kind", keyPoint.kind().toUpperCase(Locale.ROOT))
                        .put("text", keyPoint.text())
                        .put("verbatim", keyPoint.verbatim());
                if (keyPoint.attributedTo() != null) {
                    body.put("attributedTo", keyPoint.attributedTo());
                }
                body.put("occurredAt", time.keyPoint(number, i, keyPoints.size()).toString());
                add("key-point:" + keyPoint.id(), "recording key point " + keyPoint.id(), "POST",
                        "/api/conversations/" + conversation.id() + "/key-points", body);
            }
        }
        Instant end = time.roundEnd(number, slotMinutes(round));
        for (Conversation conversation : conversations) {
            lane("conversation:" + conversation.id());
            ObjectNode body = object().put("summary", conversation.summary());
            ArrayNode cited = body.putArray("citedKeyPointIds");
            // The summary is the conversation's whole block as printed; it cites the key points whose words it holds.
            for (KeyPoint keyPoint : conversation.keyPoints()) {
                if (conversation.summary().contains(keyPoint.text())) {
                    cited.add(keyPoint.id());
                }
            }
            body.put("occurredAt", end.toString());
            add("summary:" + conversation.id(), "summarising " + conversation.id(), "POST",
                    "/api/conversations/" + conversation.id() + "/summary", body);
        }
        phase("agenda:" + AGENDA_ID);
        add("round:" + number + ":close", "closing round " + number, "POST", base + "/close",
                object().put("occurredAt", end.toString()));
    }

    private void join(Conversation conversation, String participantId, String kind) {
        add(kind + ":" + conversation.id() + ":" + participantId,
                (kind.equals(DERIVED_ATTENDANCE) ? "derived: " : "") + participantId + " joins " + conversation.id(),
                "POST", "/api/conversations/" + conversation.id() + "/participants", object()
                        .put("participantId", participantId)
                        .put("occurredAt", time.join(conversation.round()).toString()));
    }

    /**
     * The participants' feedback on the session as a whole ({@code session.feedbackQuotes}): in no conversation, given
     * by the end of the session (assumed), anonymous unless the dataset names who wrote it.
     */
    private void feedback() {
        List<FeedbackQuote> quotes = dataset.session().feedbackQuotes();
        if (quotes == null || quotes.isEmpty()) {
            return;
        }
        phase("feedback");
        for (FeedbackQuote quote : quotes) {
            lane("feedback:" + quote.id());
            ObjectNode body = object().put("feedbackId", quote.id());
            if (quote.attributedTo() != null) {
                body.put("contributorId", quote.attributedTo());
            }
            body.put("text", quote.text()).put("verbatim", quote.verbatim())
                .put("occurredAt", time.sessionEnd().toString());
            add("feedback:" + quote.id(), "recording feedback " + quote.id(), "POST",
                    "/api/consultations/" + CONSULTATION_ID + "/sessions/" + AGENDA_ID + "/feedback", body);
        }
    }

    private void report() {
        String base = "/api/reports/" + REPORT_ID;
        // The report has no title line (source.titleNote); the dataset's descriptive title is used.
        phase("report:" + REPORT_ID);
        add("report", "starting the report", "POST", "/api/reports", object()
                .put("reportId", REPORT_ID)
                .put("consultationId", CONSULTATION_ID)
                .put("title", dataset.source().title()));
        for (Theme theme : dataset.themes()) {
            ObjectNode body = object().put("themeId", theme.id()).put("name", theme.title());
            if (theme.wording() != null) {
                body.put("description", theme.wording());
            }
            add("theme:" + theme.id(), "identifying theme " + theme.id(), "POST", base + "/themes", body);
        }
        for (Theme theme : dataset.themes()) {
            for (String keyPointId : theme.linkedKeyPoints()) {
                add("tag:" + theme.id() + ":" + keyPointId, "tagging " + keyPointId, "POST", base + "/tags",
                        object().put("themeId", theme.id()).put("keyPointId", keyPointId));
            }
        }
        Map<String, KeyPoint> keyPoints = new HashMap<>();
        Set<String> conversationIds = new HashSet<>();
        for (Conversation conversation : dataset.conversations()) {
            conversationIds.add(conversation.id());
            conversation.keyPoints().forEach(k -> keyPoints.put(k.id(), k));
        }
        Set<String> feedback = new HashSet<>();
        if (dataset.session().feedbackQuotes() != null) {
            dataset.session().feedbackQuotes().stream().map(FeedbackQuote::id).forEach(feedback::add);
        }
        List<ReportSection> sections = dataset.reportSections();
        for (int i = 0; i < sections.size(); i++) {
            ReportSection section = sections.get(i);
            Map<String, String> citations = new LinkedHashMap<>();
            // Each passage of the section is followed by the anchors [^n] of what it cites (n: the citation's place
            // in the section's list; docs/api.md, "Citation anchors"), so every sentence is traceable to its sources.
            StringBuilder text = new StringBuilder();
            for (SectionItem item : section.items()) {
                Set<Integer> anchors = new LinkedHashSet<>();
                for (Cite cite : item.cites()) {
                    String ref = cite.ref();
                    if (keyPoints.containsKey(ref)) {
                        citations.putIfAbsent(ref, keyPoints.get(ref).verbatim() ? "QUOTE" : "KEY_POINT");
                    } else if (conversationIds.contains(ref)) {
                        citations.putIfAbsent(ref, "CONVERSATION");
                    } else if (feedback.contains(ref)) {
                        // Participants' feedback on the session, which belongs to no conversation.
                        citations.putIfAbsent(ref, "SESSION_FEEDBACK");
                    } else {
                        throw new IllegalArgumentException("section " + section.id() + " cites unknown " + ref);
                    }
                    anchors.add(new ArrayList<>(citations.keySet()).indexOf(ref) + 1);
                }
                if (text.length() > 0) {
                    text.append(' ');
                }
                text.append(item.text());
                anchors.forEach(anchor -> text.append("[^").append(anchor).append(']'));
            }
            if (!text.toString().replaceAll("\\[\\^\\d+]", "").equals(section.text())) {
                throw new IllegalArgumentException("section " + section.id() + ": its passages do not make up its text");
            }
            ObjectNode body = object()
                    .put("sectionId", section.id())
                    .put("position", i + 1)
                    .put("heading", heading(section))
                    .put("text", text.toString());
            ArrayNode list = body.putArray("citations");
            citations.forEach((target, kind) -> list.addObject().put("kind", kind).put("targetId", target));
            add("section:" + section.id(), "writing section " + section.id(), "POST", base + "/sections", body);
        }
        add("publication:1", "publishing the report", "POST", base + "/publications", object());
    }

    /** A section's heading; the closing paragraph has none of its own (null title) and is named after its part. */
    static String heading(ReportSection section) {
        if (section.title() != null) {
            return section.title();
        }
        if (section.partOf() != null) {
            return section.partOf() + " (closing paragraph)";
        }
        throw new IllegalArgumentException("section " + section.id() + " has neither a title nor a part");
    }

    private static ObjectNode object() {
        return JSON.objectNode();
    }

    /** How many requests of each kind (the part of the key before the first colon), for reporting. */
    public Map<String, Integer> countsByKind() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Step step : steps) {
            counts.merge(step.id().split(":", 2)[0], 1, Integer::sum);
        }
        return counts;
    }
}
