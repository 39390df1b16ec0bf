package org.consultationtracker.query.audittrail;

import org.consultationtracker.query.readmodel.ModelCollection;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.consultationtracker.events.participant.ConsentPurpose;
import org.consultationtracker.events.report.CitationKind;
import org.consultationtracker.events.report.QuotedSpeaker;
import org.consultationtracker.query.agenda.AgendaView;
import org.consultationtracker.query.agenda.AgendaView.ProposalView;
import org.consultationtracker.query.agenda.AgendaQueries;
import org.consultationtracker.query.participation.ParticipationQueries;
import org.consultationtracker.query.audittrail.AuditTrailView.Citation;
import org.consultationtracker.query.audittrail.AuditTrailView.ConsentOverride;
import org.consultationtracker.query.audittrail.AuditTrailView.Contribution;
import org.consultationtracker.query.audittrail.AuditTrailView.CorrectionNeeded;
import org.consultationtracker.query.audittrail.AuditTrailView.Edit;
import org.consultationtracker.query.audittrail.AuditTrailView.Idea;
import org.consultationtracker.query.audittrail.AuditTrailView.KeyPoint;
import org.consultationtracker.query.audittrail.AuditTrailView.OverriddenQuote;
import org.consultationtracker.query.audittrail.AuditTrailView.Stay;
import org.consultationtracker.query.coverage.CoverageView.KeyPointCoverage;
import org.consultationtracker.query.coverage.KeyPointFates;
import org.consultationtracker.query.coverage.Words;
import org.consultationtracker.query.participants.ParticipantDirectory;
import org.consultationtracker.query.participants.ParticipantDirectory.ParticipantRef;
import org.consultationtracker.query.participants.ParticipantDirectoryProjection;
import org.consultationtracker.query.readmodel.AsOfBasis;
import org.consultationtracker.query.readmodel.EventHistory;
import org.consultationtracker.query.readmodel.InMemoryDocumentSession;
import org.consultationtracker.query.readmodel.PastReadModelStore;
import org.consultationtracker.query.readmodel.ReadModel;
import org.consultationtracker.query.readmodel.ReadModelStore;
import org.consultationtracker.query.readmodel.UnknownId;
import org.consultationtracker.query.security.CurrentReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.consultationtracker.query.readmodel.Docs.documents;
import static org.consultationtracker.query.readmodel.Docs.instant;
import static org.consultationtracker.query.readmodel.Docs.strings;

/** Answers audit-trail queries for a participant (by id or pseudonym) and for a report section. */
@Service
public class AuditTrailQueries {

    public record FindParticipantTrail(String participantId) {
    }

    public record FindParticipantTrailByPseudonym(String pseudonym) {
    }

    /** {@code asOf} null means "now", else the trail as of then by time said or recorded. */
    public record FindSectionTrail(String sectionId, Instant asOf, AsOfBasis basis) {

        public FindSectionTrail {
            basis = basis == null ? AsOfBasis.RECORDED : basis;
        }

        public FindSectionTrail(String sectionId) {
            this(sectionId, null, null);
        }
    }

    /**
     * The consent standing of a report's latest published version (overrides, corrections needed); {@code asOf}
     * null means "now", else the latest version published by then, with what was known then.
     */
    public record FindPublishedReport(String reportId, Instant asOf, AsOfBasis basis) {

        public FindPublishedReport {
            basis = basis == null ? AsOfBasis.RECORDED : basis;
        }

        public FindPublishedReport(String reportId) {
            this(reportId, null, null);
        }
    }

    private final ReadModelStore store;
    private final ParticipantDirectory directory;
    private final KeyPointFates fates;
    private final Words words;
    private final AgendaQueries agendas;
    private final ParticipationQueries participation;

    /** Set on the live service only: what an "as of" question replays. */
    private final EventHistory history;
    private final AuditTrailProjection projection;
    private final ParticipantDirectoryProjection directoryProjection;

    @Autowired
    public AuditTrailQueries(ReadModelStore store, ParticipantDirectory directory, Words words,
                             AgendaQueries agendas, ParticipationQueries participation, EventHistory history,
                             AuditTrailProjection projection, ParticipantDirectoryProjection directoryProjection) {
        this(store, directory, words, agendas, participation, history, projection, directoryProjection, true);
    }

    /** Over a store of the past: the same reads, the documents as they stood then. */
    private AuditTrailQueries(PastReadModelStore past, Words words, AgendaQueries agendas,
                              ParticipationQueries participation) {
        this(past, new ParticipantDirectory(past), words, agendas, participation, null, null, null, false);
    }

    private AuditTrailQueries(ReadModelStore store, ParticipantDirectory directory, Words words,
                              AgendaQueries agendas, ParticipationQueries participation, EventHistory history,
                              AuditTrailProjection projection, ParticipantDirectoryProjection directoryProjection,
                              boolean live) {
        this.history = live ? history : null;
        this.projection = projection;
        this.directoryProjection = directoryProjection;
        this.words = words;
        this.agendas = agendas;
        this.participation = participation;
        this.store = store;
        this.directory = directory;
        this.fates = new KeyPointFates(store, ReadModel.AUDIT_TRAIL, AuditTrailProjection.LEDGER, directory::resolve,
                                       words);
    }

    @QueryHandler
    public AuditTrailView.Participant handle(FindParticipantTrailByPseudonym query) {
        String id = directory.idForPseudonym(query.pseudonym())
                             .orElseThrow(() -> new UnknownId("participant with pseudonym", query.pseudonym()));
        return handle(new FindParticipantTrail(id));
    }

    @QueryHandler
    public AuditTrailView.Participant handle(FindParticipantTrail query) {
        // One read of the directory entry gives the label, the groups and the consents.
        Document registration = directory.entry(query.participantId());
        Document trail = store.find(ModelCollection.of(ReadModel.AUDIT_TRAIL, AuditTrailProjection.LEDGER.participants()),
                                    query.participantId());
        return participantTrail(query.participantId(), registration, trail);
    }

    /** The trail from the participant's directory entry and trail document, read once by the caller. */
    AuditTrailView.Participant participantTrail(String participantId, Document registration, Document trail) {
        if (trail == null && registration == null) {
            throw new UnknownId("participant", participantId);
        }
        ParticipantRef ref = ParticipantDirectory.toRef(participantId, registration);
        Document participant = trail == null ? new Document() : trail;
        return new AuditTrailView.Participant(
                participantId, ref.label(), ref.erased(), ParticipantDirectory.erasureIn(registration),
                new ArrayList<>(directory.groups(ref.stakeholderGroupIds()).values()),
                ParticipantDirectory.consentsIn(registration),
                proposals(documents(participant, "proposals")), stays(documents(participant, "stays")),
                keyPoints(strings(participant, "keyPointIds")), plenarySummaries(participant),
                contributions(participant),
                ideas(strings(participant, "ideaIds")));
    }

    @QueryHandler
    public AuditTrailView.Section handle(FindSectionTrail query) {
        if (query.asOf() != null) {
            return asOf(query.asOf(), query.basis()).handle(new FindSectionTrail(query.sectionId()));
        }
        Document section = store.find(ModelCollection.of(ReadModel.AUDIT_TRAIL, AuditTrailProjection.LEDGER.sections()),
                                      query.sectionId());
        if (section == null) {
            throw new UnknownId("report section", query.sectionId());
        }
        Document report = section.getString("reportId") == null ? null
                : store.find(ModelCollection.of(ReadModel.AUDIT_TRAIL, AuditTrailProjection.REPORTS), section.getString("reportId"));
        boolean published = report != null && strings(report, "sectionIds").contains(query.sectionId());
        Map<String, ConsentOverride> overrides = new LinkedHashMap<>();
        if (published) {
            for (Document quote : documents(report, "quotes")) {
                if (query.sectionId().equals(quote.getString("sectionId"))) {
                    ConsentOverride override = override(quote, report);
                    if (override != null) {
                        overrides.put(quote.getString("keyPointId"), override);
                    }
                }
            }
        }
        Set<String> keyPointIds = new LinkedHashSet<>();
        List<String> ideaIds = new ArrayList<>();
        List<String> contributionIds = new ArrayList<>();
        List<Citation> citations = new ArrayList<>();
        for (Document citation : documents(section, "citations")) {
            String kind = citation.getString("kind");
            String target = citation.getString("targetId");
            citations.add(new Citation(kind, target,
                                       CitationKind.QUOTE.name().equals(kind) ? overrides.get(target) : null));
            switch (kind) {
                case "KEY_POINT", "QUOTE" -> keyPointIds.add(target);
                case "CONVERSATION" -> {
                    Document conversation = store.find(ModelCollection.of(ReadModel.AUDIT_TRAIL, AuditTrailProjection.LEDGER.conversations()), target);
                    if (conversation != null) {
                        keyPointIds.addAll(strings(conversation, "keyPointIds"));
                    }
                }
                case "THEME" -> {
                    Document theme = store.find(ModelCollection.of(ReadModel.AUDIT_TRAIL, AuditTrailProjection.LEDGER.themes()), target);
                    if (theme != null) {
                        keyPointIds.addAll(strings(theme, "keyPointIds"));
                    }
                }
                case "IDEA" -> ideaIds.add(target);
                case "PLENARY_CONTRIBUTION" -> contributionIds.add(target);
                default -> {
                }
            }
        }
        List<KeyPoint> keyPoints = keyPoints(keyPointIds);
        List<Idea> ideas = ideas(ideaIds);
        // Distinct voices: named speakers once each (by id), anonymous points each as their own voice.
        Map<String, Set<String>> voicesByGroup = new TreeMap<>();
        Set<String> voices = new LinkedHashSet<>();
        Map<String, Document> keyPointDocs = store.findAll(ModelCollection.of(ReadModel.AUDIT_TRAIL, AuditTrailProjection.LEDGER.keyPoints()), keyPointIds);
        for (KeyPoint keyPoint : keyPoints) {
            Document stored = keyPointDocs.get(keyPoint.fate().keyPointId());
            String speaker = stored == null ? null : stored.getString("attributedTo");
            String voice = speaker != null ? speaker : "anonymous:" + keyPoint.fate().keyPointId();
            voices.add(voice);
            for (String group : keyPoint.fate().stakeholderGroupIds()) {
                voicesByGroup.computeIfAbsent(group, g -> new LinkedHashSet<>()).add(voice);
            }
        }
        Map<String, Document> ideaDocs = store.findAll(ModelCollection.of(ReadModel.AUDIT_TRAIL, AuditTrailProjection.IDEAS), ideaIds);
        for (Document idea : ideaDocs.values()) {
            String voice = idea.getString("participantId") != null ? idea.getString("participantId")
                    : "anonymous:" + idea.getString("_id");
            voices.add(voice);
            String group = idea.getString("stakeholderGroupId") != null ? idea.getString("stakeholderGroupId")
                    : "anonymous";
            voicesByGroup.computeIfAbsent(group, g -> new LinkedHashSet<>()).add(voice);
        }
        Map<String, Document> contributionDocs = store.findAll(
                ModelCollection.of(ReadModel.AUDIT_TRAIL, AuditTrailProjection.LEDGER.contributions()), contributionIds);
        List<KeyPointFates.ContributionFate> contributions = fates.contributionFates(contributionIds);
        for (KeyPointFates.ContributionFate contribution : contributions) {
            Document stored = contributionDocs.get(contribution.contributionId());
            String speaker = stored == null ? null : stored.getString("contributorId");
            String voice = speaker != null ? speaker : "anonymous:" + contribution.contributionId();
            voices.add(voice);
            for (String group : contribution.stakeholderGroupIds()) {
                voicesByGroup.computeIfAbsent(group, g -> new LinkedHashSet<>()).add(voice);
            }
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        voicesByGroup.forEach((group, members) -> counts.put(group, members.size()));
        Set<String> namedGroups = new LinkedHashSet<>(counts.keySet());
        namedGroups.remove("anonymous");
        return new AuditTrailView.Section(section.getString("_id"), section.getString("reportId"),
                                          section.getInteger("position", 0), section.getString("heading"),
                                          section.getString("text"), citations, keyPoints, ideas, voices.size(),
                                          counts, directory.groupNames(namedGroups),
                                          quotedWithoutConsent(citations, keyPointDocs),
                                          published ? report.getInteger("version") : null,
                                          published ? correctionsNeeded(report, query.sectionId()) : List.of(),
                                          contributions);
    }

    @QueryHandler
    public AuditTrailView.PublishedReport handle(FindPublishedReport query) {
        if (query.asOf() != null) {
            return asOf(query.asOf(), query.basis()).handle(new FindPublishedReport(query.reportId()));
        }
        Document report = store.find(ModelCollection.of(ReadModel.AUDIT_TRAIL, AuditTrailProjection.REPORTS), query.reportId());
        if (report == null) {
            throw new UnknownId("published report", query.reportId());
        }
        List<OverriddenQuote> overridden = new ArrayList<>();
        for (Document quote : documents(report, "quotes")) {
            ConsentOverride override = override(quote, report);
            if (override != null) {
                overridden.add(new OverriddenQuote(quote.getString("sectionId"), quote.getString("heading"),
                                                   quote.getString("keyPointId"), override));
            }
        }
        return new AuditTrailView.PublishedReport(query.reportId(), report.getInteger("version", 0),
                                                  instant(report, "publishedAt"), instant(report, "recordedAt"),
                                                  report.getString("publishedBy"), overridden,
                                                  correctionsNeeded(report, null));
    }

    /**
     * This service over the trail and the directory as they stood at {@code asOf} (consents included: a quote lacked
     * consent then if it lacked it then), replayed from the events.
     */
    private AuditTrailQueries asOf(Instant asOf, AsOfBasis basis) {
        if (history == null) {
            throw new IllegalStateException("an as-of view is answered by the live service");
        }
        InMemoryDocumentSession past = history.replayUntil(asOf, basis, List.of(projection, directoryProjection));
        return new AuditTrailQueries(new PastReadModelStore(past), words, agendas, participation);
    }

    private static ConsentOverride override(Document quote, Document report) {
        Document override = quote.get("consentOverride", Document.class);
        return override == null ? null : new ConsentOverride(override.getString("gap"), override.getString("reason"),
                                                              override.getString("by"),
                                                              report.getInteger("version", 0));
    }

    /** The report's corrections needed, of one section or (sectionId null) of all. */
    private static List<CorrectionNeeded> correctionsNeeded(Document report, String sectionId) {
        List<CorrectionNeeded> corrections = new ArrayList<>();
        for (Document correction : documents(report, "correctionsNeeded")) {
            if (sectionId == null || sectionId.equals(correction.getString("sectionId"))) {
                corrections.add(new CorrectionNeeded(correction.getString("sectionId"), correction.getString("heading"),
                                                     correction.getString("keyPointId"),
                                                     correction.getString("change"),
                                                     correction.getString("description"),
                                                     instant(correction, "occurredAt"),
                                                     instant(correction, "recordedAt"),
                                                     correction.get("position", Number.class).longValue()));
            }
        }
        return corrections;
    }

    /** Quotes of the draft whose speaker does not consent to be quoted now (see {@link QuotedSpeaker}). */
    private List<String> quotedWithoutConsent(List<Citation> citations, Map<String, Document> keyPointDocs) {
        Map<String, String> speakers = new LinkedHashMap<>();
        for (Citation citation : citations) {
            String speaker = QuotedSpeaker.of(new org.consultationtracker.events.report.Citation(
                    CitationKind.valueOf(citation.kind()), citation.targetId()), keyPointId -> {
                Document keyPoint = keyPointDocs.get(keyPointId);
                return keyPoint == null ? null : keyPoint.getString("attributedTo");
            });
            if (speaker != null) {
                speakers.put(citation.targetId(), speaker);
            }
        }
        Map<String, List<String>> consents = directory.consents(speakers.values());
        List<String> without = new ArrayList<>();
        speakers.forEach((keyPointId, speaker) -> {
            if (!consents.getOrDefault(speaker, List.of()).contains(ConsentPurpose.BE_QUOTED.name())) {
                without.add(keyPointId);
            }
        });
        return without;
    }

    private List<ProposalView> proposals(List<Document> proposals) {
        Map<String, AgendaView> byId = new LinkedHashMap<>();
        List<ProposalView> views = new ArrayList<>();
        for (Document proposal : proposals) {
            String agendaId = proposal.getString("agendaId");
            AgendaView agenda = byId.computeIfAbsent(agendaId, id -> agendas.current(id).orElse(null));
            if (agenda != null) {
                agenda.proposals().stream()
                      .filter(view -> view.proposalId().equals(proposal.getString("proposalId")))
                      .findFirst().ifPresent(views::add);
            }
        }
        return views;
    }

    private List<Stay> stays(List<Document> stays) {
        Set<String> conversationIds = new LinkedHashSet<>();
        stays.forEach(stay -> conversationIds.add(stay.getString("conversationId")));
        Map<String, Document> conversations = fates.conversations(conversationIds);
        Map<String, Map<Integer, Instant>> sessions = new LinkedHashMap<>();
        List<Stay> views = new ArrayList<>();
        for (Document stay : stays) {
            Document conversation = conversations.get(stay.getString("conversationId"));
            Instant from = instant(stay, "from");
            Instant to = instant(stay, "to");
            if (to == null) {
                to = roundClosedAt(stay.getString("agendaId"), stay.getInteger("round", 0), sessions);
            }
            views.add(new Stay(stay.getString("conversationId"), stay.getString("agendaId"),
                               stay.getInteger("round", 0), conversation == null ? null : conversation.getString("room"),
                               conversation == null ? null : words.say(conversation.get("question")), from, to,
                               to == null ? null : Duration.between(from, to).toMinutes(),
                               stay.getString("arrivedFrom"), stay.getString("departedTo")));
        }
        return views;
    }

    /** A stay nobody recorded the end of ends with its round (rounds are known to the participation model). */
    private Instant roundClosedAt(String agendaId, int round, Map<String, Map<Integer, Instant>> sessions) {
        if (agendaId == null) {
            return null;
        }
        return sessions.computeIfAbsent(agendaId, participation::roundsClosedAt).get(round);
    }

    private List<KeyPoint> keyPoints(Set<String> ids) {
        return keyPoints(new ArrayList<>(ids));
    }

    private List<KeyPoint> keyPoints(List<String> ids) {
        Map<String, Document> stored = store.findAll(ModelCollection.of(ReadModel.AUDIT_TRAIL, AuditTrailProjection.LEDGER.keyPoints()),
                                                     ids);
        boolean identifyAnonymous = CurrentReader.mayIdentifyAnonymousContributors();
        List<KeyPoint> keyPoints = new ArrayList<>();
        Map<String, org.consultationtracker.query.participation.RoomPresence> rooms = new LinkedHashMap<>();
        for (KeyPointCoverage fate : fates.of(new ArrayList<>(stored.values()))) {
            Document keyPoint = stored.get(fate.keyPointId());
            // whoever edited a point nobody is named for could be its speaker: admins only
            boolean showEditors = keyPoint.getString("attributedTo") != null || identifyAnonymous;
            List<Edit> edits = new ArrayList<>();
            for (Document edit : documents(keyPoint, "edits")) {
                edits.add(new Edit(fates.text(edit.get("text", Document.class)), edit.getString("reason"),
                                   showEditors ? edit.getString("editedBy") : null, instant(edit, "at")));
            }
            List<AuditTrailView.Move> moves = new ArrayList<>();
            for (Document move : documents(keyPoint, "moves")) {
                moves.add(new AuditTrailView.Move(move.getString("from"), move.getString("to"),
                                                  move.getString("reason"), showEditors ? move.getString("by") : null,
                                                  instant(move, "at")));
            }
            String speaker = keyPoint.getString("attributedTo");
            String conversationId = keyPoint.getString("conversationId");
            boolean notInRoom = speaker != null && conversationId != null
                    && !rooms.computeIfAbsent(conversationId, participation::presenceIn).wasIn(speaker, fate.saidAt());
            keyPoints.add(new KeyPoint(fate, fates.text(keyPoint.get("original", Document.class)), edits,
                                       strings(keyPoint, "themeIds"), moves, notInRoom));
        }
        return keyPoints;
    }

    private static List<AuditTrailView.PlenarySummary> plenarySummaries(Document participant) {
        List<AuditTrailView.PlenarySummary> summaries = new ArrayList<>();
        for (Document summary : documents(participant, "plenarySummaries")) {
            summaries.add(new AuditTrailView.PlenarySummary(summary.getString("conversationId"),
                                                            summary.getInteger("round", 0),
                                                            summary.getString("summary"), instant(summary, "at")));
        }
        return summaries;
    }

    private List<Contribution> contributions(Document participant) {
        List<Contribution> contributions = new ArrayList<>();
        for (Document contribution : documents(participant, "contributions")) {
            contributions.add(new Contribution(contribution.getString("contributionId"),
                                               contribution.getString("conversationId"),
                                               fates.text(contribution.get("text", Document.class)),
                                               instant(contribution, "at")));
        }
        return contributions;
    }

    /** The written ideas with these ids (unknown ones left out), for the report's footnotes. */
    public List<Idea> ideasById(java.util.Collection<String> ids) {
        return ideas(new ArrayList<>(ids));
    }

    private List<Idea> ideas(List<String> ids) {
        List<Idea> ideas = new ArrayList<>();
        Map<String, Document> stored = store.findAll(ModelCollection.of(ReadModel.AUDIT_TRAIL, AuditTrailProjection.IDEAS), ids);
        Map<String, KeyPointFates.IdeaFate> ideaFates = fates.ideaFates(stored.keySet());
        for (Document idea : stored.values()) {
            KeyPointFates.IdeaFate fate = ideaFates.get(idea.getString("_id"));
            ideas.add(new Idea(idea.getString("_id"), idea.getString("stakeholderGroupId"),
                               fates.text(idea.get("text", Document.class)), instant(idea, "at"), fate.fate(),
                               fate.fateDetail(), fate.citedIn()));
        }
        return ideas;
    }
}
