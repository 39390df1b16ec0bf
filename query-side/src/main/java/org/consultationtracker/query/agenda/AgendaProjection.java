package org.consultationtracker.query.agenda;

import org.bson.Document;
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
import org.consultationtracker.events.consultation.SessionScheduled;
import org.consultationtracker.events.conversation.ConversationStarted;
import org.consultationtracker.query.coverage.Words;
import org.consultationtracker.query.readmodel.DocumentSession;
import org.consultationtracker.query.readmodel.EventContext;
import org.consultationtracker.query.readmodel.Projection;
import org.consultationtracker.query.readmodel.ReadModel;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

import static org.consultationtracker.query.readmodel.Docs.addOnce;
import static org.consultationtracker.query.readmodel.Docs.element;
import static org.consultationtracker.query.readmodel.Docs.list;
import static org.consultationtracker.query.readmodel.Docs.time;

/**
 * One document per Open Space session (its agenda id): the grid, every proposal with its status and lineage, and the
 * rounds as they were opened and closed. Records what happened, even when it looks inconsistent (two conversations
 * in one slot, a round opened twice): the view shows such discrepancies rather than fixing them.
 * <p>
 * Questions and pitches are kept as their events hold them ({@link Words#stored}): a proposer's own words stay
 * encrypted under their words key and are opened only when a query shows them, so no clear copy of them is written
 * here and destroying the key at erasure withdraws them from this model, its rebuilds and its "as of" views alike.
 * Merged and split questions are plain in their events and stored the same way, so every question has one shape.
 * <p>
 * Every agenda is also numbered in the list of sessions ({@link AgendaList}), which pages by that number.
 */
@Component
public class AgendaProjection implements Projection {

    static final String AGENDAS = "agendas";

    @Override
    public ReadModel model() {
        return ReadModel.AGENDA;
    }

    @Override
    public void apply(Object payload, EventContext context, DocumentSession session) {
        if (payload instanceof SessionScheduled e) {
            Document agenda = agenda(session, e.sessionId(), context);
            if (agenda != null) {
                agenda.append("consultationId", e.consultationId()).append("kind", e.kind().name())
                      .append("title", e.title()).append("startsAt", time(e.startsAt()))
                      .append("endsAt", time(e.endsAt()));
            }
        } else if (payload instanceof FramingQuestionPosed e) {
            Document agenda = agenda(session, e.agendaId(), context);
            if (agenda != null) {
                agenda.putIfAbsent("consultationId", e.consultationId());
                list(agenda, "framingQuestions").add(new Document("question", e.question())
                                                             .append("at", time(e.occurredAt())));
            }
        } else if (payload instanceof AgendaAnnounced e) {
            Document agenda = agenda(session, e.agendaId(), context);
            if (agenda != null) {
                agenda.put("announced", new Document("conversations", e.announcedConversations())
                        .append("perRound", e.announcedPerRound() == null ? new ArrayList<>()
                                : new ArrayList<>(e.announcedPerRound()))
                        .append("asWritten", e.asWritten()).append("source", e.source())
                        .append("at", time(e.occurredAt())));
            }
        } else if (payload instanceof GridDefined e) {
            Document agenda = agenda(session, e.agendaId(), context);
            if (agenda != null) {
                agenda.put("rooms", new ArrayList<>(e.rooms()));
                List<Document> rounds = list(agenda, "rounds");
                for (GridRound gridRound : e.rounds()) {
                    element(agenda, "rounds", "round", gridRound.round())
                            .append("startsAt", time(gridRound.startsAt())).append("endsAt", time(gridRound.endsAt()));
                }
                rounds.sort(java.util.Comparator.comparingInt(round -> round.getInteger("round")));
            }
        } else if (payload instanceof ConversationProposed e) {
            Document agenda = agenda(session, e.agendaId(), context);
            if (agenda != null) {
                Document proposal = proposal(agenda, e.proposalId());
                proposal.append("proposerId", e.proposerId()).append("question", Words.stored(e.question()))
                        .append("pitch", e.pitch() == null ? null : Words.stored(e.pitch()))
                        .append("status", "PROPOSED").append("proposedAt", time(e.occurredAt()));
                addOnce(proposal, "hostIds", e.proposerId());
                lineage(proposal, "PROPOSED", e.occurredAt(), context).append("question", Words.stored(e.question()));
            }
        } else if (payload instanceof ProposalPitched e) {
            Document agenda = agenda(session, e.agendaId(), context);
            if (agenda != null) {
                Document proposal = proposal(agenda, e.proposalId());
                proposal.put("pitch", Words.stored(e.pitch()));
                lineage(proposal, "PITCHED", e.occurredAt(), context);
            }
        } else if (payload instanceof ProposalsMerged e) {
            Document agenda = agenda(session, e.agendaId(), context);
            if (agenda != null) {
                Document merged = proposal(agenda, e.mergedProposalId());
                merged.append("question", Words.stored(Wording.plain(e.question()))).append("status", "PROPOSED");
                merged.putIfAbsent("proposedAt", time(e.occurredAt()));
                for (String host : e.hostIds()) {
                    addOnce(merged, "hostIds", host);
                }
                for (String source : e.sourceProposalIds()) {
                    addOnce(merged, "mergedFrom", source);
                    if (source.equals(e.mergedProposalId())) {
                        continue; // merged into one of its sources: that one stays the live proposal
                    }
                    Document sourceProposal = proposal(agenda, source);
                    sourceProposal.append("status", "MERGED").append("mergedInto", e.mergedProposalId());
                    lineage(sourceProposal, "MERGED_INTO", e.occurredAt(), context)
                            .append("into", e.mergedProposalId()).append("rationale", e.rationale());
                }
                lineage(merged, "MERGED_FROM", e.occurredAt(), context)
                        .append("sources", new ArrayList<>(e.sourceProposalIds())).append("rationale", e.rationale())
                        .append("agreedBy", e.agreedBy() == null ? List.of() : new ArrayList<>(e.agreedBy()));
            }
        } else if (payload instanceof MergeReversed e) {
            Document agenda = agenda(session, e.agendaId(), context);
            if (agenda != null) {
                // The merged proposal stays in the document (its lineage is the record) but leaves the agenda; the
                // sources were open and unscheduled when merged, so they come back as proposed.
                Document merged = proposal(agenda, e.mergedProposalId());
                merged.append("status", "REVERSED").append("slot", null).append("reversedReason", e.reason());
                lineage(merged, "MERGE_REVERSED", e.occurredAt(), context)
                        .append("sources", new ArrayList<>(e.sourceProposalIds())).append("reason", e.reason())
                        .append("by", e.reversedBy());
                for (String source : e.sourceProposalIds()) {
                    Document sourceProposal = proposal(agenda, source);
                    sourceProposal.append("status", "PROPOSED");
                    sourceProposal.remove("mergedInto");
                    lineage(sourceProposal, "MERGE_REVERSED", e.occurredAt(), context)
                            .append("from", e.mergedProposalId()).append("reason", e.reason())
                            .append("by", e.reversedBy());
                }
            }
        } else if (payload instanceof ProposalClarified e) {
            Document agenda = agenda(session, e.agendaId(), context);
            if (agenda != null) {
                Document proposal = proposal(agenda, e.proposalId());
                proposal.append("question", Words.stored(e.question()));
                addOnce(proposal, "clarifiedAgainst", e.resembledProposalId());
                lineage(proposal, "CLARIFIED", e.occurredAt(), context)
                        .append("resembled", e.resembledProposalId()).append("question", Words.stored(e.question()));
            }
        } else if (payload instanceof ProposalSplit e) {
            Document agenda = agenda(session, e.agendaId(), context);
            if (agenda != null) {
                Document original = proposal(agenda, e.proposalId());
                original.put("status", "SPLIT");
                List<String> partIds = new ArrayList<>();
                for (SplitPart part : e.parts()) {
                    partIds.add(part.proposalId());
                    Document partProposal = proposal(agenda, part.proposalId());
                    partProposal.append("question", Words.stored(Wording.plain(part.question())))
                                .append("status", "PROPOSED")
                                .append("splitFrom", e.proposalId());
                    partProposal.putIfAbsent("proposedAt", time(e.occurredAt()));
                    List<String> partHosts = part.hostIds() == null ? e.hostIds() : part.hostIds();
                    for (String host : partHosts) {
                        addOnce(partProposal, "hostIds", host);
                    }
                    lineage(partProposal, "SPLIT_FROM", e.occurredAt(), context).append("from", e.proposalId())
                            .append("hostIds", new ArrayList<>(partHosts));
                    addOnce(original, "splitInto", part.proposalId());
                }
                lineage(original, "SPLIT_INTO", e.occurredAt(), context).append("parts", partIds);
            }
        } else if (payload instanceof ProposalWithdrawn e) {
            Document agenda = agenda(session, e.agendaId(), context);
            if (agenda != null) {
                Document proposal = proposal(agenda, e.proposalId());
                proposal.append("status", "WITHDRAWN").append("withdrawnReason", e.reason()).append("slot", null);
                lineage(proposal, "WITHDRAWN", e.occurredAt(), context).append("reason", e.reason());
            }
        } else if (payload instanceof ConversationScheduled e) {
            Document agenda = agenda(session, e.agendaId(), context);
            if (agenda != null) {
                Document proposal = proposal(agenda, e.conversationId());
                proposal.append("status", "SCHEDULED").append("question", Words.stored(e.question()))
                        .append("slot", new Document("round", e.round()).append("room", e.room()));
                proposal.put("hostIds", new ArrayList<>(e.hostIds()));
                lineage(proposal, "SCHEDULED", e.occurredAt(), context).append("round", e.round())
                        .append("room", e.room());
            }
        } else if (payload instanceof ConversationMoved e) {
            Document agenda = agenda(session, e.agendaId(), context);
            if (agenda != null) {
                Document proposal = proposal(agenda, e.conversationId());
                proposal.put("slot", new Document("round", e.toRound()).append("room", e.toRoom()));
                lineage(proposal, "MOVED", e.occurredAt(), context)
                        .append("from", new Document("round", e.fromRound()).append("room", e.fromRoom()))
                        .append("to", new Document("round", e.toRound()).append("room", e.toRoom()));
            }
        } else if (payload instanceof RoundOpened e) {
            Document agenda = agenda(session, e.agendaId(), context);
            if (agenda != null) {
                element(agenda, "rounds", "round", e.round()).append("openedAt", time(e.occurredAt()));
            }
        } else if (payload instanceof RoundClosed e) {
            Document agenda = agenda(session, e.agendaId(), context);
            if (agenda != null) {
                element(agenda, "rounds", "round", e.round()).append("closedAt", time(e.occurredAt()));
            }
        } else if (payload instanceof ConversationStarted e) {
            Document agenda = agenda(session, e.agendaId(), context);
            if (agenda != null) {
                Document proposal = proposal(agenda, e.conversationId());
                proposal.append("startedAt", time(e.occurredAt())).append("startedBy", e.hostId());
                lineage(proposal, "STARTED", e.occurredAt(), context).append("round", e.round())
                        .append("room", e.room()).append("hostId", e.hostId());
            }
        }
    }

    /** The agenda's document, listed in the sessions list the first time the agenda appears. */
    private static Document agenda(DocumentSession session, String agendaId, EventContext context) {
        AgendaList.list(session, agendaId, context);
        return session.forUpdate(AGENDAS, agendaId, context);
    }

    private static Document proposal(Document agenda, String proposalId) {
        return element(agenda, "proposals", "proposalId", proposalId);
    }

    private static Document lineage(Document proposal, String kind, java.time.Instant occurredAt,
                                    EventContext context) {
        Document step = new Document("kind", kind).append("at", time(occurredAt))
                                                  .append("position", context.position());
        list(proposal, "lineage").add(step);
        return step;
    }
}
