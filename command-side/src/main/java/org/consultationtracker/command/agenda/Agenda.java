package org.consultationtracker.command.agenda;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.consultationtracker.command.CorrectionRefused;
import org.consultationtracker.command.UnknownRecord;
import org.consultationtracker.command.agenda.Proposal.Slot;
import org.consultationtracker.command.lookup.ConsultationDirectory;
import org.consultationtracker.command.lookup.ConsultationDirectory.ScheduledSession;
import org.consultationtracker.command.lookup.ParticipantDirectory;
import org.consultationtracker.command.participant.privacy.WordsProtection;
import org.consultationtracker.events.Wording;
import org.consultationtracker.events.agenda.ConversationMoved;
import org.consultationtracker.events.agenda.ConversationProposed;
import org.consultationtracker.events.agenda.ConversationScheduled;
import org.consultationtracker.events.agenda.AgendaAnnounced;
import org.consultationtracker.events.agenda.FramingQuestionPosed;
import org.consultationtracker.events.agenda.GridDefined;
import org.consultationtracker.events.agenda.GridRound;
import org.consultationtracker.events.agenda.MergeReversed;
import org.consultationtracker.events.agenda.ProposalClarified;
import org.consultationtracker.events.agenda.ProposalPitched;
import org.consultationtracker.events.agenda.ProposalSplit;
import org.consultationtracker.events.agenda.ProposalWithdrawn;
import org.consultationtracker.events.agenda.ProposalsMerged;
import org.consultationtracker.events.agenda.RoundClosed;
import org.consultationtracker.events.agenda.RoundOpened;
import org.consultationtracker.events.agenda.SplitPart;
import org.consultationtracker.events.consultation.SessionKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The agenda of one Open Space session (its id is the session's id): the framing question, the grid of rounds and
 * rooms, the proposals and what became of them, the schedule, and which rounds have opened and closed.
 * <p>
 * A proposal's question and pitch are its proposer's own words: like attributed key points, they are encrypted under
 * the proposer's words key when written ({@link WordsProtection}), so withdrawing their words at erasure withdraws
 * these too. The clear text comes in with the command and goes no further than the encryption. Questions of merged
 * and split proposals are written by the facilitator with the group and stay plain (see {@code ProposalsMerged}).
 */
@Aggregate(cache = "agendaCache")
class Agenda {

    private enum RoundState { OPEN, CLOSED }

    @AggregateIdentifier
    private String agendaId;
    private final Map<Integer, GridRound> rounds = new TreeMap<>();
    private final List<String> rooms = new ArrayList<>();
    private final Map<String, Proposal> proposals = new HashMap<>();
    private final Map<Integer, RoundState> roundStates = new HashMap<>();

    Agenda() {
        // for Axon
    }

    /** The first question posed creates the agenda; posing again rewords it. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(PoseFramingQuestion command, ConsultationDirectory consultations) {
        ScheduledSession session = consultations.session(command.agendaId())
                .orElseThrow(() -> new AgendaRuleViolation("no session " + command.agendaId() + " is scheduled"));
        if (session.kind() != SessionKind.OPEN_SPACE) {
            throw new AgendaRuleViolation("session " + command.agendaId() + " is a " + session.kind()
                    + " session; only Open Space sessions have an agenda");
        }
        apply(new FramingQuestionPosed(command.agendaId(), session.consultationId(), command.question(),
                command.occurredAt()));
    }

    /** What a source announced about the agenda, as written; any time after the framing question. */
    @CommandHandler
    void handle(AnnounceAgenda command) {
        if (command.announcedConversations() != null && command.announcedConversations() < 0) {
            throw new AgendaRuleViolation("an announced number of conversations cannot be negative");
        }
        List<Integer> perRound = command.announcedPerRound() == null ? List.of() : command.announcedPerRound();
        if (perRound.stream().anyMatch(count -> count == null || count < 0)) {
            throw new AgendaRuleViolation("every announced number of conversations per round must be 0 or more");
        }
        if (command.announcedConversations() == null && perRound.isEmpty()) {
            throw new AgendaRuleViolation("an announcement needs a number of conversations or numbers per round");
        }
        if (command.asWritten() == null || command.asWritten().isBlank()
                || command.source() == null || command.source().isBlank()) {
            throw new AgendaRuleViolation("an announcement needs its words as written and its source");
        }
        apply(new AgendaAnnounced(agendaId, command.announcedConversations(), List.copyOf(perRound),
                command.asWritten(), command.source(), command.occurredAt()));
    }

    @CommandHandler
    void handle(DefineGrid command) {
        if (!roundStates.isEmpty()) {
            throw new AgendaRuleViolation("the grid cannot change once a round has opened");
        }
        requireConsecutiveNonOverlappingRounds(command.rounds());
        if (new HashSet<>(command.rooms()).size() != command.rooms().size()) {
            throw new AgendaRuleViolation("every room of the grid needs its own name");
        }
        proposals.values().stream()
                .filter(Proposal::isScheduled)
                .filter(p -> p.slot().round() > command.rounds().size() || !command.rooms().contains(p.slot().room()))
                .findFirst()
                .ifPresent(p -> {
                    throw new AgendaRuleViolation("conversation " + p.proposalId() + " is scheduled in "
                            + p.slot() + ", which the new grid does not have; move it first");
                });
        apply(new GridDefined(agendaId, command.rounds(), command.rooms(), command.occurredAt()));
    }

    @CommandHandler
    void handle(ProposeConversation command, ParticipantDirectory participants, WordsProtection words) {
        requireUnusedProposalId(command.proposalId());
        String whyNot = participants.whyCannotAct(command.proposerId());
        if (whyNot != null) {
            throw new AgendaRuleViolation(whyNot);
        }
        apply(new ConversationProposed(agendaId, command.proposalId(), command.proposerId(),
                words.protect(command.proposerId(), command.question()),
                command.pitch() == null ? null : words.protect(command.proposerId(), command.pitch()),
                command.occurredAt()));
    }

    @CommandHandler
    void handle(PitchProposal command, WordsProtection words) {
        Proposal proposal = requireOpen(command.proposalId());
        apply(new ProposalPitched(agendaId, command.proposalId(), words.protect(proposal.proposerId(), command.pitch()),
                command.occurredAt()));
    }

    @CommandHandler
    void handle(MergeProposals command) {
        Set<String> sources = new LinkedHashSet<>(command.sourceProposalIds());
        if (sources.size() != command.sourceProposalIds().size()) {
            throw new AgendaRuleViolation("a proposal cannot be merged into itself: "
                    + "each source proposal may be named only once");
        }
        if (sources.size() < 2) {
            throw new AgendaRuleViolation("a merge needs at least two proposals");
        }
        requireUnusedProposalId(command.mergedProposalId());
        Set<String> hosts = new LinkedHashSet<>();
        for (String sourceId : sources) {
            Proposal source = requireOpen(sourceId);
            if (source.isScheduled()) {
                throw new AgendaRuleViolation("proposal " + sourceId + " is already scheduled in " + source.slot()
                        + "; withdraw it from its slot before merging");
            }
            hosts.addAll(source.hostIds());
        }
        hosts.stream().filter(host -> !command.agreedBy().contains(host)).findFirst().ifPresent(host -> {
            throw new AgendaRuleViolation("a merge needs the agreement of every host; " + host + " has not agreed");
        });
        apply(new ProposalsMerged(agendaId, command.mergedProposalId(), List.copyOf(sources), command.question(),
                command.rationale(), command.agreedBy(), List.copyOf(hosts), command.occurredAt()));
    }

    @CommandHandler
    void handle(ClarifyProposal command, WordsProtection words) {
        if (command.proposalId().equals(command.resembledProposalId())) {
            throw new AgendaRuleViolation("a proposal cannot be told apart from itself");
        }
        Proposal proposal = requireOpen(command.proposalId());
        requireExisting(command.resembledProposalId());
        // reworded with the proposer: still their question, so still under their words key
        apply(new ProposalClarified(agendaId, command.proposalId(), command.resembledProposalId(),
                words.protect(proposal.proposerId(), command.question()), command.occurredAt()));
    }

    /**
     * Each part is hosted by the hosts it names, or by the original's when it names none (what a split always did).
     * A host may so end up hosting two conversations of one round once both are scheduled: that is allowed (people
     * do announce two sessions) and shown on the agenda as a discrepancy, not refused here.
     */
    @CommandHandler
    void handle(SplitProposal command, ParticipantDirectory participants) {
        Proposal original = requireOpen(command.proposalId());
        if (original.isScheduled()) {
            throw new AgendaRuleViolation("proposal " + command.proposalId() + " is already scheduled in "
                    + original.slot() + "; only unscheduled proposals can be split");
        }
        if (command.parts().size() < 2) {
            throw new AgendaRuleViolation("a split needs at least two parts");
        }
        Set<String> partIds = new HashSet<>();
        List<SplitPart> parts = new ArrayList<>();
        for (SplitPart part : command.parts()) {
            if (!partIds.add(part.proposalId())) {
                throw new AgendaRuleViolation("split part " + part.proposalId() + " is named twice");
            }
            requireUnusedProposalId(part.proposalId());
            List<String> hosts = part.hostIds() == null || part.hostIds().isEmpty()
                    ? original.hostIds() : List.copyOf(new LinkedHashSet<>(part.hostIds()));
            for (String host : hosts) {
                String whyNot = participants.whyCannotAct(host);
                if (whyNot != null) {
                    throw new AgendaRuleViolation("split part " + part.proposalId() + ": " + whyNot);
                }
            }
            parts.add(new SplitPart(part.proposalId(), part.question(), hosts));
        }
        apply(new ProposalSplit(agendaId, command.proposalId(), List.copyOf(parts), original.hostIds(),
                command.occurredAt()));
    }

    /**
     * Undo a merge. Only while the merged proposal is still just a proposal: once scheduled (and so possibly started,
     * as a conversation starts only in its slot), merged again, split or withdrawn, other things depend on it and
     * the reversal is refused as a conflict. The sources were open and unscheduled when merged and nothing could
     * change them since, so they come back exactly as they were.
     */
    @CommandHandler
    void handle(ReverseMerge command) {
        Proposal merged = proposals.get(command.mergedProposalId());
        if (merged == null || merged.mergedFrom().isEmpty()) {
            throw new UnknownRecord("there is no merge " + command.mergedProposalId() + " on agenda " + agendaId);
        }
        if (merged.status() == Proposal.Status.REVERSED) {
            throw new CorrectionRefused("the merge " + command.mergedProposalId() + " has already been reversed");
        }
        if (!merged.isOpen()) {
            throw new CorrectionRefused("the merged proposal " + command.mergedProposalId() + " has since been "
                    + merged.status().name().toLowerCase(Locale.ROOT) + (merged.status() == Proposal.Status.MERGED
                    ? " into another; reverse that merge first" : "") + ", so its merge cannot be reversed");
        }
        if (merged.isScheduled()) {
            throw new CorrectionRefused("the merged proposal " + command.mergedProposalId() + " is scheduled in "
                    + merged.slot() + "; withdraw it from its slot before reversing the merge");
        }
        apply(new MergeReversed(agendaId, command.mergedProposalId(), merged.mergedFrom(), command.reason(),
                command.reversedBy(), command.occurredAt()));
    }

    @CommandHandler
    void handle(WithdrawProposal command) {
        Proposal proposal = requireOpen(command.proposalId());
        if (proposal.isScheduled() && roundStates.containsKey(proposal.slot().round())) {
            throw new AgendaRuleViolation("conversation " + command.proposalId() + " is in round "
                    + proposal.slot().round() + ", which has already opened");
        }
        apply(new ProposalWithdrawn(agendaId, command.proposalId(), command.reason(), command.occurredAt()));
    }

    @CommandHandler
    void handle(ScheduleConversation command) {
        Proposal proposal = requireOpen(command.proposalId());
        if (proposal.isScheduled()) {
            throw new AgendaRuleViolation("conversation " + command.proposalId() + " is already scheduled in "
                    + proposal.slot() + "; move it instead");
        }
        Slot slot = new Slot(command.round(), command.room());
        requireFreeSlotInGrid(slot);
        if (roundStates.get(slot.round()) == RoundState.CLOSED) {
            throw new AgendaRuleViolation("round " + slot.round() + " has already closed");
        }
        apply(new ConversationScheduled(agendaId, command.proposalId(), slot.round(), slot.room(),
                proposal.hostIds(), proposal.question(), command.occurredAt()));
    }

    @CommandHandler
    void handle(MoveConversation command) {
        Proposal conversation = requireExisting(command.conversationId());
        if (!conversation.isScheduled()) {
            throw new AgendaRuleViolation("conversation " + command.conversationId() + " is not scheduled");
        }
        Slot from = conversation.slot();
        Slot to = new Slot(command.round(), command.room());
        if (from.equals(to)) {
            throw new AgendaRuleViolation("conversation " + command.conversationId() + " is already in " + to);
        }
        requireFreeSlotInGrid(to);
        for (int round : List.of(from.round(), to.round())) {
            if (roundStates.containsKey(round)) {
                throw new AgendaRuleViolation("round " + round + " has already opened; conversations move only "
                        + "between rounds that have not");
            }
        }
        apply(new ConversationMoved(agendaId, command.conversationId(), from.round(), from.room(), to.round(),
                to.room(), command.occurredAt()));
    }

    @CommandHandler
    void handle(OpenRound command) {
        requireRoundInGrid(command.round());
        if (roundStates.containsKey(command.round())) {
            throw new AgendaRuleViolation("round " + command.round() + " has already opened");
        }
        roundStates.entrySet().stream().filter(e -> e.getValue() == RoundState.OPEN).findFirst().ifPresent(e -> {
            throw new AgendaRuleViolation("round " + e.getKey() + " is still open; close it first");
        });
        apply(new RoundOpened(agendaId, command.round(), command.occurredAt()));
    }

    @CommandHandler
    void handle(CloseRound command) {
        requireRoundInGrid(command.round());
        if (roundStates.get(command.round()) != RoundState.OPEN) {
            throw new AgendaRuleViolation("round " + command.round() + " is not open");
        }
        apply(new RoundClosed(agendaId, command.round(), command.occurredAt()));
    }

    @EventSourcingHandler
    void on(FramingQuestionPosed event) {
        agendaId = event.agendaId();
    }

    @EventSourcingHandler
    void on(GridDefined event) {
        rounds.clear();
        event.rounds().forEach(round -> rounds.put(round.round(), round));
        rooms.clear();
        rooms.addAll(event.rooms());
    }

    @EventSourcingHandler
    void on(ConversationProposed event) {
        proposals.put(event.proposalId(),
                new Proposal(event.proposalId(), event.proposerId(), List.of(event.proposerId()), event.question()));
    }

    @EventSourcingHandler
    void on(ProposalsMerged event) {
        event.sourceProposalIds().forEach(id -> proposals.get(id).end(Proposal.Status.MERGED));
        proposals.put(event.mergedProposalId(),
                new Proposal(event.mergedProposalId(), null, event.hostIds(), Wording.plain(event.question()),
                        event.sourceProposalIds()));
    }

    @EventSourcingHandler
    void on(MergeReversed event) {
        proposals.get(event.mergedProposalId()).end(Proposal.Status.REVERSED);
        event.sourceProposalIds().forEach(id -> proposals.get(id).reopen());
    }

    @EventSourcingHandler
    void on(ProposalClarified event) {
        proposals.get(event.proposalId()).reword(event.question());
    }

    @EventSourcingHandler
    void on(ProposalSplit event) {
        proposals.get(event.proposalId()).end(Proposal.Status.SPLIT);
        event.parts().forEach(part ->
                proposals.put(part.proposalId(),
                        new Proposal(part.proposalId(), null, part.hostIds(), Wording.plain(part.question()))));
    }

    @EventSourcingHandler
    void on(ProposalWithdrawn event) {
        proposals.get(event.proposalId()).end(Proposal.Status.WITHDRAWN);
    }

    @EventSourcingHandler
    void on(ConversationScheduled event) {
        proposals.get(event.conversationId()).placeIn(new Slot(event.round(), event.room()));
    }

    @EventSourcingHandler
    void on(ConversationMoved event) {
        proposals.get(event.conversationId()).placeIn(new Slot(event.toRound(), event.toRoom()));
    }

    @EventSourcingHandler
    void on(RoundOpened event) {
        roundStates.put(event.round(), RoundState.OPEN);
    }

    @EventSourcingHandler
    void on(RoundClosed event) {
        roundStates.put(event.round(), RoundState.CLOSED);
    }

    private Proposal requireExisting(String proposalId) {
        Proposal proposal = proposals.get(proposalId);
        if (proposal == null) {
            throw new AgendaRuleViolation("there is no proposal " + proposalId + " on this agenda");
        }
        return proposal;
    }

    private Proposal requireOpen(String proposalId) {
        Proposal proposal = requireExisting(proposalId);
        if (!proposal.isOpen()) {
            throw new AgendaRuleViolation("proposal " + proposalId + " has been "
                    + (proposal.status() == Proposal.Status.REVERSED ? "taken off the agenda: its merge was reversed"
                    : proposal.status().name().toLowerCase(Locale.ROOT)));
        }
        return proposal;
    }

    private void requireUnusedProposalId(String proposalId) {
        if (proposals.containsKey(proposalId)) {
            throw new AgendaRuleViolation("proposal id " + proposalId + " is already used on this agenda");
        }
    }

    private void requireRoundInGrid(int round) {
        if (!rounds.containsKey(round)) {
            throw new AgendaRuleViolation("the grid has no round " + round);
        }
    }

    private void requireFreeSlotInGrid(Slot slot) {
        if (rounds.isEmpty()) {
            throw new AgendaRuleViolation("the grid is not defined yet");
        }
        if (!rounds.containsKey(slot.round()) || !rooms.contains(slot.room())) {
            throw new AgendaRuleViolation(slot + " is outside the grid");
        }
        proposals.values().stream().filter(p -> slot.equals(p.slot())).findFirst().ifPresent(p -> {
            throw new AgendaRuleViolation(slot + " already holds conversation " + p.proposalId());
        });
    }

    private static void requireConsecutiveNonOverlappingRounds(List<GridRound> gridRounds) {
        for (int i = 0; i < gridRounds.size(); i++) {
            GridRound round = gridRounds.get(i);
            if (round.round() != i + 1) {
                throw new AgendaRuleViolation("rounds must be numbered 1, 2, 3… in order; found " + round.round()
                        + " in place " + (i + 1));
            }
            if (!round.endsAt().isAfter(round.startsAt())) {
                throw new AgendaRuleViolation("round " + round.round() + " must end after it starts");
            }
            if (i > 0 && round.startsAt().isBefore(gridRounds.get(i - 1).endsAt())) {
                throw new AgendaRuleViolation("round " + round.round() + " starts before round " + i + " ends");
            }
        }
    }
}
