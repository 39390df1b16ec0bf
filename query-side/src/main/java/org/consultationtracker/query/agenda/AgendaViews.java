package org.consultationtracker.query.agenda;

import org.bson.Document;
import org.consultationtracker.query.agenda.AgendaView.LineageStep;
import org.consultationtracker.query.agenda.AgendaView.ProposalView;
import org.consultationtracker.query.agenda.AgendaView.RoundView;
import org.consultationtracker.query.agenda.AgendaView.Slot;
import org.consultationtracker.query.agenda.AgendaView.SlotConversation;
import org.consultationtracker.query.agenda.AgendaView.SlotView;
import org.consultationtracker.query.participants.ParticipantDirectory.ParticipantRef;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.consultationtracker.query.readmodel.Docs.documents;
import static org.consultationtracker.query.readmodel.Docs.instant;
import static org.consultationtracker.query.readmodel.Docs.strings;

/**
 * Turns a stored agenda document into its view; labels come from the participant directory and questions and pitches
 * are opened ({@code say}: {@link org.consultationtracker.query.coverage.Words#say}) at read time.
 */
public final class AgendaViews {

    private AgendaViews() {
    }

    public static AgendaView from(Document agenda, Function<Collection<String>, Map<String, ParticipantRef>> labels,
                                  Function<Object, String> say, Instant asOf) {
        List<Document> proposals = documents(agenda, "proposals");
        Map<String, Document> byId = new LinkedHashMap<>();
        Set<String> people = new LinkedHashSet<>();
        for (Document proposal : proposals) {
            byId.put(proposal.getString("proposalId"), proposal);
            if (proposal.getString("proposerId") != null) {
                people.add(proposal.getString("proposerId"));
            }
            people.addAll(strings(proposal, "hostIds"));
        }
        Map<String, ParticipantRef> refs = labels.apply(people);

        Map<Integer, Document> roundsByNumber = new LinkedHashMap<>();
        List<RoundView> rounds = new ArrayList<>();
        for (Document round : documents(agenda, "rounds")) {
            roundsByNumber.put(round.getInteger("round"), round);
            Instant opened = instant(round, "openedAt");
            Instant closed = instant(round, "closedAt");
            rounds.add(new RoundView(round.getInteger("round"), instant(round, "startsAt"), instant(round, "endsAt"),
                                     opened, closed, closed != null ? "CLOSED" : opened != null ? "OPEN" : "PLANNED"));
        }

        List<ProposalView> proposalViews = new ArrayList<>();
        Map<String, List<SlotConversation>> slots = new LinkedHashMap<>();
        for (Document proposal : proposals) {
            String id = proposal.getString("proposalId");
            Document slotDocument = proposal.get("slot", Document.class);
            Slot slot = slotDocument == null ? null
                    : new Slot(slotDocument.getInteger("round"), slotDocument.getString("room"));
            String conversationStatus = slot == null ? null
                    : conversationStatus(proposal, roundsByNumber.get(slot.round()));
            List<ParticipantRef> hosts = strings(proposal, "hostIds").stream().map(refs::get).toList();
            String question = say.apply(proposal.get("question"));
            proposalViews.add(new ProposalView(
                    id, question, say.apply(proposal.get("pitch")),
                    refs.get(proposal.getString("proposerId")), hosts, proposal.getString("status"),
                    proposal.getString("mergedInto"), finalProposal(id, byId), strings(proposal, "mergedFrom"),
                    originals(id, byId, new LinkedHashSet<>()), proposal.getString("splitFrom"),
                    strings(proposal, "splitInto"), strings(proposal, "clarifiedAgainst"),
                    proposal.getString("withdrawnReason"), slot, conversationStatus, lineage(proposal, say)));
            if (slot != null) {
                slots.computeIfAbsent(slot.round() + "\u0000" + slot.room(), key -> new ArrayList<>())
                     .add(new SlotConversation(id, question, hosts, conversationStatus));
            }
        }

        List<String> rooms = strings(agenda, "rooms");
        List<String> discrepancies = new ArrayList<>();
        List<SlotView> grid = new ArrayList<>();
        for (RoundView round : rounds) {
            for (String room : rooms) {
                List<SlotConversation> inSlot = slots.remove(round.round() + "\u0000" + room);
                grid.add(new SlotView(round.round(), room, inSlot == null ? List.of() : inSlot));
                if (inSlot != null && inSlot.size() > 1) {
                    discrepancies.add(inSlot.size() + " conversations scheduled in round " + round.round()
                                              + ", room " + room);
                }
            }
        }
        discrepancies.addAll(hostsInTwoRooms(proposalViews));
        slots.forEach((key, conversations) -> {
            String[] parts = key.split("\u0000");
            discrepancies.add("Scheduled outside the grid: round " + parts[0] + ", room " + parts[1] + " ("
                                      + conversations.size() + " conversation(s))");
            grid.add(new SlotView(Integer.parseInt(parts[0]), parts[1], conversations));
        });
        List<Document> questions = documents(agenda, "framingQuestions");
        String framingQuestion = questions.isEmpty() ? null : questions.get(questions.size() - 1).getString("question");
        Document announcedDocument = agenda.get("announced", Document.class);
        AgendaView.Announcement announced = announcedDocument == null ? null : new AgendaView.Announcement(
                announcedDocument.getInteger("conversations"),
                announcedDocument.getList("perRound", Integer.class, List.of()),
                announcedDocument.getString("asWritten"), announcedDocument.getString("source"),
                instant(announcedDocument, "at"));
        return new AgendaView(agenda.getString("_id"), agenda.getString("consultationId"), agenda.getString("title"),
                              framingQuestion, rooms, rounds, grid, proposalViews, discrepancies, asOf, announced,
                              announcedVsRecorded(announced, grid));
    }

    /** Where the announced numbers differ from the conversations recorded on the grid, in words. */
    static List<String> announcedVsRecorded(AgendaView.Announcement announced, List<SlotView> grid) {
        List<String> found = new ArrayList<>();
        if (announced == null) {
            return found;
        }
        Map<Integer, Integer> recordedPerRound = new java.util.TreeMap<>();
        for (SlotView slot : grid) {
            recordedPerRound.merge(slot.round(), slot.conversations().size(), Integer::sum);
        }
        int recorded = recordedPerRound.values().stream().mapToInt(Integer::intValue).sum();
        String source = announced.source() == null ? "" : " by " + announced.source();
        if (announced.conversations() != null && announced.conversations() != recorded) {
            found.add("Announced" + source + ": " + announced.conversations() + " conversations; recorded on the agenda: "
                              + recorded + ".");
        }
        List<Integer> perRound = announced.perRound();
        for (int i = 0; i < perRound.size(); i++) {
            int round = i + 1;
            int inRound = recordedPerRound.getOrDefault(round, 0);
            if (perRound.get(i) != null && perRound.get(i) != inRound) {
                found.add("Round " + round + ": announced " + perRound.get(i) + " conversations; recorded " + inRound
                                  + ".");
            }
        }
        if (!perRound.isEmpty()) {
            int announcedTotal = perRound.stream().filter(java.util.Objects::nonNull).mapToInt(Integer::intValue).sum();
            if (announced.conversations() != null && announcedTotal != announced.conversations()) {
                found.add("The announced rounds add up to " + announcedTotal + ", not the announced "
                                  + announced.conversations() + ".");
            }
        }
        return found;
    }

    /**
     * A host scheduled to host two or more conversations of one round (a split part given the original's hosts, a
     * merge's co-host with a proposal of their own): allowed when recorded, but a person cannot be in two rooms, so
     * it is shown.
     */
    static List<String> hostsInTwoRooms(List<ProposalView> proposals) {
        Map<Integer, Map<String, List<ProposalView>>> byRoundAndHost = new java.util.TreeMap<>();
        Map<String, ParticipantRef> hosts = new LinkedHashMap<>();
        for (ProposalView proposal : proposals) {
            if (proposal.slot() == null || proposal.conversationStatus() == null) {
                continue;
            }
            for (ParticipantRef host : proposal.hosts()) {
                if (host == null) {
                    continue;
                }
                hosts.put(host.participantId(), host);
                byRoundAndHost.computeIfAbsent(proposal.slot().round(), round -> new LinkedHashMap<>())
                              .computeIfAbsent(host.participantId(), id -> new ArrayList<>()).add(proposal);
            }
        }
        List<String> found = new ArrayList<>();
        byRoundAndHost.forEach((round, byHost) -> byHost.forEach((hostId, hosted) -> {
            if (hosted.size() > 1) {
                List<String> where = hosted.stream()
                        .map(p -> "“" + (p.question() == null ? p.proposalId() : p.question()) + "” ("
                                + p.proposalId() + ", room " + p.slot().room() + ")").toList();
                found.add(hosts.get(hostId).label() + " hosts " + hosted.size() + " conversations in round " + round
                                  + ": " + String.join(", ", where));
            }
        }));
        return found;
    }

    private static String conversationStatus(Document proposal, Document round) {
        if ("WITHDRAWN".equals(proposal.getString("status"))) {
            return null;
        }
        boolean started = proposal.get("startedAt") != null;
        boolean closed = round != null && round.get("closedAt") != null;
        if (started) {
            return closed ? "HELD" : "IN_PROGRESS";
        }
        return closed ? "NOT_HELD" : "SCHEDULED";
    }

    /** Follows mergedInto links (merges of merges) to the proposal that carries on; stops on a cycle. */
    static String finalProposal(String proposalId, Map<String, Document> byId) {
        String current = proposalId;
        Set<String> seen = new LinkedHashSet<>();
        while (seen.add(current)) {
            Document proposal = byId.get(current);
            String next = proposal == null ? null : proposal.getString("mergedInto");
            if (next == null) {
                return current;
            }
            current = next;
        }
        return current;
    }

    static List<String> originals(String proposalId, Map<String, Document> byId, Set<String> visiting) {
        Document proposal = byId.get(proposalId);
        List<String> sources = proposal == null ? List.of() : strings(proposal, "mergedFrom");
        if (sources.isEmpty() || !visiting.add(proposalId)) {
            return List.of(proposalId);
        }
        List<String> originals = new ArrayList<>();
        for (String source : sources) {
            if (source.equals(proposalId)) {
                originals.add(source);
                continue;
            }
            for (String original : originals(source, byId, visiting)) {
                if (!originals.contains(original)) {
                    originals.add(original);
                }
            }
        }
        return originals;
    }

    private static List<LineageStep> lineage(Document proposal, Function<Object, String> say) {
        List<LineageStep> steps = new ArrayList<>();
        for (Document step : documents(proposal, "lineage")) {
            Map<String, Object> details = new LinkedHashMap<>();
            step.forEach((key, value) -> {
                if (key.equals("question")) {
                    details.put(key, say.apply(value)); // words as the reader may see them, never the stored form
                } else if (!key.equals("kind") && !key.equals("at") && !key.equals("position")) {
                    details.put(key, value);
                }
            });
            steps.add(new LineageStep(step.getString("kind"), instant(step, "at"), details));
        }
        return steps;
    }
}
