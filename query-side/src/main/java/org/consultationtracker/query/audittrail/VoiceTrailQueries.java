package org.consultationtracker.query.audittrail;

import org.consultationtracker.query.readmodel.ModelCollection;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.consultationtracker.query.agenda.AgendaView;
import org.consultationtracker.query.agenda.AgendaView.ProposalView;
import org.consultationtracker.query.agenda.AgendaQueries;
import org.consultationtracker.query.audittrail.AuditTrailView.Contribution;
import org.consultationtracker.query.coverage.KeyPointFates;
import org.consultationtracker.query.coverage.Fate;
import org.consultationtracker.query.coverage.KeyPointFates.ContributionFate;
import org.consultationtracker.query.coverage.KeyPointFates.IdeaFate;
import org.consultationtracker.query.coverage.Words;
import org.consultationtracker.query.feedback.SessionFeedbackQueries;
import org.consultationtracker.query.participants.ParticipantDirectory;
import org.consultationtracker.query.readmodel.ReadModel;
import org.consultationtracker.query.readmodel.ReadModelStore;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.consultationtracker.query.readmodel.Docs.documents;

/**
 * A participant's own voice trail: their audit trail (key points with edits and fates, stays, summaries presented,
 * plenary contributions, ideas), their proposals without anybody else's name, each idea's and plenary contribution's
 * fate, their feedback on sessions with where reports cite it (from the session-feedback model's own query), and their
 * consents
 * and erasure from the participant directory. Key lookups only: an idea's fate reads the sections its ledger document
 * lists.
 */
@Service
public class VoiceTrailQueries {

    public record FindVoiceTrail(String participantId) {
    }

    private final ReadModelStore store;
    private final ParticipantDirectory directory;
    private final AuditTrailQueries trails;
    private final KeyPointFates fates;
    private final Words words;
    private final AgendaQueries agendaQueries;
    private final SessionFeedbackQueries feedbackQueries;

    public VoiceTrailQueries(ReadModelStore store, ParticipantDirectory directory, AuditTrailQueries trails,
                             Words words, AgendaQueries agendaQueries, SessionFeedbackQueries feedbackQueries) {
        this.agendaQueries = agendaQueries;
        this.feedbackQueries = feedbackQueries;
        this.store = store;
        this.directory = directory;
        this.trails = trails;
        this.words = words;
        this.fates = new KeyPointFates(store, ReadModel.AUDIT_TRAIL, AuditTrailProjection.LEDGER, directory::resolve,
                                       words);
    }

    /** @throws org.consultationtracker.query.readmodel.UnknownId when nothing is held about the participant */
    @QueryHandler
    public VoiceTrail handle(FindVoiceTrail query) {
        Document registration = directory.entry(query.participantId());
        Document stored = store.find(ModelCollection.of(ReadModel.AUDIT_TRAIL, AuditTrailProjection.LEDGER.participants()),
                                     query.participantId());
        AuditTrailView.Participant trail = trails.participantTrail(query.participantId(), registration, stored);
        return new VoiceTrail(trail.participantId(), trail.label(), trail.erased(), trail.erasure(),
                              trail.stakeholderGroups(), trail.consents(),
                              ParticipantDirectory.consentHistoryIn(registration),
                              proposals(stored == null ? List.of() : documents(stored, "proposals")),
                              trail.keyPoints(), ideas(trail.ideas()), plenaryContributions(trail),
                              trail.plenarySummaries(), trail.attendance(), feedback(query.participantId()));
    }

    private List<VoiceTrail.OwnFeedback> feedback(String participantId) {
        return feedbackQueries.byContributor(participantId).stream()
                              .map(given -> new VoiceTrail.OwnFeedback(given.feedbackId(), given.consultationId(),
                                                                    given.sessionId(), given.text(), given.verbatim(),
                                                                    given.at(), given.citedIn(), given.publishedIn()))
                              .toList();
    }

    private List<VoiceTrail.Proposal> proposals(List<Document> proposals) {
        Map<String, AgendaView> agendas = new HashMap<>();
        List<VoiceTrail.Proposal> views = new ArrayList<>();
        for (Document proposal : proposals) {
            String agendaId = proposal.getString("agendaId");
            AgendaView agenda = agendas.computeIfAbsent(agendaId, id -> agendaQueries.current(id).orElse(null));
            if (agenda == null) {
                continue;
            }
            ProposalView own = find(agenda, proposal.getString("proposalId"));
            if (own == null) {
                continue;
            }
            ProposalView ended = own.finalProposalId() == null ? own : find(agenda, own.finalProposalId());
            ProposalView where = ended == null ? own : ended;
            views.add(new VoiceTrail.Proposal(own.proposalId(), agendaId, own.question(), own.pitch(), own.status(),
                                              ProposalOutcome.describe(own, ended), own.mergedInto(),
                                              own.finalProposalId(), own.splitInto(), own.withdrawnReason(),
                                              where.slot(), where.conversationStatus()));
        }
        return views;
    }

    private static ProposalView find(AgendaView agenda, String proposalId) {
        return agenda.proposals().stream().filter(view -> view.proposalId().equals(proposalId)).findFirst()
                     .orElse(null);
    }

    private List<VoiceTrail.Idea> ideas(List<AuditTrailView.Idea> ideas) {
        Map<String, IdeaFate> ideaFates = fates.ideaFates(ideas.stream().map(AuditTrailView.Idea::ideaId).toList());
        List<VoiceTrail.Idea> views = new ArrayList<>();
        for (AuditTrailView.Idea idea : ideas) {
            IdeaFate fate = ideaFates.get(idea.ideaId());
            views.add(new VoiceTrail.Idea(idea.ideaId(), idea.text(), idea.at(), fate.fate(), fate.fateDetail(),
                                          fate.citedIn()));
        }
        return views;
    }

    private List<VoiceTrail.PlenaryContribution> plenaryContributions(AuditTrailView.Participant trail) {
        Map<String, Document> conversations = fates.conversations(
                trail.plenaryContributions().stream().map(Contribution::conversationId).toList());
        Map<String, ContributionFate> contributionFates = new HashMap<>();
        fates.contributionFates(trail.plenaryContributions().stream().map(Contribution::contributionId).toList())
             .forEach(fate -> contributionFates.put(fate.contributionId(), fate));
        List<VoiceTrail.PlenaryContribution> views = new ArrayList<>();
        for (Contribution contribution : trail.plenaryContributions()) {
            Document conversation = conversations.get(contribution.conversationId());
            ContributionFate fate = contributionFates.get(contribution.contributionId());
            views.add(new VoiceTrail.PlenaryContribution(contribution.contributionId(), contribution.conversationId(),
                                                         conversation == null ? null
                                                                 : words.say(conversation.get("question")),
                                                         contribution.text(), contribution.at(),
                                                         fate == null ? Fate.NOT_YET_HANDLED : fate.fate(),
                                                         fate == null ? "not yet handled" : fate.fateDetail(),
                                                         fate == null ? List.of() : fate.citedIn()));
        }
        return views;
    }
}
