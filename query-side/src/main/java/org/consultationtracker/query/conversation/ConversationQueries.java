package org.consultationtracker.query.conversation;

import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.consultationtracker.query.conversation.ConversationView.Edit;
import org.consultationtracker.query.conversation.ConversationView.KeyPoint;
import org.consultationtracker.query.conversation.ConversationView.PlenarySummary;
import org.consultationtracker.query.conversation.ConversationView.Retraction;
import org.consultationtracker.query.conversation.ConversationView.Summary;
import org.consultationtracker.query.conversation.ConversationView.Theme;
import org.consultationtracker.query.coverage.CoverageProjection;
import org.consultationtracker.query.coverage.CoverageView.KeyPointCoverage;
import org.consultationtracker.query.coverage.CoverageView.ThemeRef;
import org.consultationtracker.query.coverage.KeyPointFates;
import org.consultationtracker.query.coverage.KeyPointLedger;
import org.consultationtracker.query.coverage.Words;
import org.consultationtracker.query.participants.ParticipantDirectory;
import org.consultationtracker.query.participants.ParticipantDirectory.ParticipantRef;
import org.consultationtracker.query.participation.ParticipationQueries;
import org.consultationtracker.query.participation.RoomPresence;
import org.consultationtracker.query.readmodel.ReadModelStore;
import org.consultationtracker.query.security.CurrentReader;
import org.consultationtracker.query.readmodel.UnknownId;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.consultationtracker.query.readmodel.Docs.documents;
import static org.consultationtracker.query.readmodel.Docs.instant;
import static org.consultationtracker.query.readmodel.Docs.strings;

/**
 * Answers the conversation query from the coverage read model (its key-point ledger). Attributed words stay encrypted
 * there and are opened with the key vault (through {@link Words}) only here, at query time.
 */
@Service
public class ConversationQueries {

    public record FindConversation(String conversationId) {
    }

    /** The report sections citing a conversation as a whole or any of its key points (directly or by theme). */
    public record FindCitingSections(String conversationId) {
    }


    private final ReadModelStore store;
    private final ParticipantDirectory directory;
    private final KeyPointFates fates;
    private final Words words;
    private final ParticipationQueries participation;

    public ConversationQueries(ReadModelStore store, ParticipantDirectory directory, Words words,
                               ParticipationQueries participation) {
        this.words = words;
        this.participation = participation;
        this.store = store;
        this.directory = directory;
        this.fates = CoverageProjection.fates(store, directory::resolve, words);
    }

    @QueryHandler
    public ConversationView handle(FindConversation query) {
        Document conversation = fates.conversation(query.conversationId());
        if (!KeyPointFates.known(conversation)) {
            throw new UnknownId("conversation", query.conversationId());
        }
        List<Document> loaded = fates.keyPointsOf(conversation);
        Map<String, Document> stored = new LinkedHashMap<>();
        loaded.forEach(keyPoint -> stored.put(keyPoint.getString("_id"), keyPoint));
        List<KeyPointCoverage> covered = new ArrayList<>(fates.of(loaded));
        covered.sort(Comparator.comparing(KeyPointCoverage::saidAt, Comparator.nullsLast(Instant::compareTo))
                               .thenComparing(KeyPointCoverage::keyPointId));

        Set<String> people = new LinkedHashSet<>(strings(conversation, "hostIds"));
        Document plenary = conversation.get("plenarySummary", Document.class);
        if (plenary != null && plenary.getString("presentedBy") != null) {
            people.add(plenary.getString("presentedBy"));
        }
        for (Document keyPoint : stored.values()) {
            if (keyPoint.getString("attributedTo") != null) {
                people.add(keyPoint.getString("attributedTo"));
            }
        }
        Map<String, ParticipantRef> refs = directory.resolve(people);

        boolean identifyAnonymous = CurrentReader.mayIdentifyAnonymousContributors();
        RoomPresence room = participation.presenceIn(query.conversationId());
        List<String> discrepancies = new ArrayList<>();
        List<KeyPoint> keyPoints = new ArrayList<>();
        for (KeyPointCoverage fate : covered) {
            Document keyPoint = stored.get(fate.keyPointId());
            String speakerId = keyPoint.getString("attributedTo");
            // who typed, edited or retracted a point nobody is named for could be the speaker: admins only
            boolean showUsers = speakerId != null || identifyAnonymous;
            List<Edit> edits = new ArrayList<>();
            for (Document edit : documents(keyPoint, "edits")) {
                edits.add(new Edit(fates.text(edit.get("text", Document.class)),
                                   showUsers ? edit.getString("editedBy") : null,
                                   edit.getString("reason"), instant(edit, "at")));
            }
            Document retracted = keyPoint.get("retracted", Document.class);
            ParticipantRef speaker = speakerId == null ? null : refs.get(speakerId);
            List<ConversationView.Move> moves = new ArrayList<>();
            for (Document move : documents(keyPoint, "moves")) {
                moves.add(new ConversationView.Move(move.getString("from"), move.getString("to"),
                                                    move.getString("reason"), showUsers ? move.getString("by") : null,
                                                    instant(move, "at")));
            }
            boolean notInRoom = speakerId != null && !room.wasIn(speakerId, fate.saidAt());
            if (notInRoom) {
                discrepancies.add("Key point " + fate.keyPointId() + " is attributed to "
                                          + (speaker == null ? speakerId : speaker.label())
                                          + ", who was not in this room at " + fate.saidAt()
                                          + " (no join covers that time, or they had left).");
            }
            keyPoints.add(new KeyPoint(
                    fate.keyPointId(), fate.kind(), fate.verbatim(), speakerId,
                    speaker == null ? (speakerId == null ? "anonymous" : speakerId) : speaker.label(),
                    speaker != null && speaker.erased(), fate.saidAt(),
                    showUsers ? keyPoint.getString("recordedBy") : null,
                    fates.text(keyPoint.get("original", Document.class)), edits, fate.text(),
                    retracted == null ? null : new Retraction(retracted.getString("reason"),
                                                              showUsers ? retracted.getString("by") : null,
                                                              instant(retracted, "at")),
                    fate.fate(), fate.fateDetail(), fate.citedVia(), strings(keyPoint, "themeIds"), moves,
                    notInRoom));
        }

        List<ParticipantRef> hosts = strings(conversation, "hostIds").stream().map(refs::get).toList();
        Document summary = conversation.get("summary", Document.class);
        List<Theme> themes = new ArrayList<>();
        for (ThemeRef theme : fates.themesOf(loaded)) {
            themes.add(new Theme(theme.themeId(), theme.reportId(), theme.name()));
        }
        return new ConversationView(
                query.conversationId(), conversation.getString("agendaId"), words.say(conversation.get("question")),
                conversation.getInteger("round"), conversation.getString("room"), hosts,
                summary == null ? null : summaryOf(summary, keyPoints),
                plenary == null ? null : new PlenarySummary(
                        plenary.getString("text"),
                        plenary.getString("presentedBy") == null ? null : refs.get(plenary.getString("presentedBy")),
                        plenary.getInteger("round", 0), instant(plenary, "at")),
                keyPoints, themes, fates.contributionsOf(conversation), movedOut(conversation),
                discrepancies);
    }

    private static List<ConversationView.MovedOut> movedOut(Document conversation) {
        List<ConversationView.MovedOut> moved = new ArrayList<>();
        for (Document move : documents(conversation, "movedOut")) {
            moved.add(new ConversationView.MovedOut(move.getString("keyPointId"), move.getString("to"),
                                                    move.getString("reason"), instant(move, "at")));
        }
        return moved;
    }

    @QueryHandler
    public CitingSections handle(FindCitingSections query) {
        Document conversation = fates.conversation(query.conversationId());
        if (!KeyPointFates.known(conversation)) {
            throw new UnknownId("conversation", query.conversationId());
        }
        // Everything by key: the conversation lists its key points and whole-conversation citations, each key point
        // its citing sections and themes, each theme its citing sections.
        List<Document> keyPoints = fates.keyPointsOf(conversation);
        Map<String, Set<String>> direct = new LinkedHashMap<>();
        Map<String, List<String>> taggedBy = new LinkedHashMap<>();
        for (Document keyPoint : keyPoints) {
            for (String sectionId : strings(keyPoint, "citedInSections")) {
                direct.computeIfAbsent(sectionId, s -> new LinkedHashSet<>()).add(keyPoint.getString("_id"));
            }
            for (String themeId : strings(keyPoint, "themeIds")) {
                taggedBy.computeIfAbsent(themeId, t -> new ArrayList<>()).add(keyPoint.getString("_id"));
            }
        }
        Map<String, Document> themes = fates.themes(taggedBy.keySet());
        Map<String, List<CitingSections.ThemeVia>> viaThemes = new LinkedHashMap<>();
        themes.forEach((themeId, theme) -> {
            for (String sectionId : strings(theme, "citingSectionIds")) {
                viaThemes.computeIfAbsent(sectionId, s -> new ArrayList<>()).add(
                        new CitingSections.ThemeVia(themeId, theme.getString("name"), taggedBy.get(themeId)));
            }
        });
        Set<String> whole = new LinkedHashSet<>(strings(conversation, "citingSectionIds"));
        Set<String> sectionIds = new LinkedHashSet<>(whole);
        sectionIds.addAll(direct.keySet());
        sectionIds.addAll(viaThemes.keySet());
        Map<String, Document> sections = fates.sections(sectionIds);
        Map<String, Document> reports = fates.reportOutlines(
                sections.values().stream().map(section -> section.getString("reportId"))
                        .filter(java.util.Objects::nonNull).distinct().toList());
        List<CitingSections.CitingSection> citing = new ArrayList<>();
        sections.forEach((sectionId, section) -> {
            Document report = reports.get(section.getString("reportId"));
            List<Integer> versions = new ArrayList<>();
            for (Object version : section.getList("publishedVersions", Object.class, List.of())) {
                versions.add(((Number) version).intValue());
            }
            citing.add(new CitingSections.CitingSection(
                    section.getString("reportId"), report == null ? null : report.getString("title"), sectionId,
                    section.getInteger("position", 0), section.getString("heading"), versions,
                    whole.contains(sectionId), new ArrayList<>(direct.getOrDefault(sectionId, Set.of())),
                    viaThemes.getOrDefault(sectionId, List.of())));
        });
        citing.sort(Comparator.comparing(CitingSections.CitingSection::reportId,
                                         Comparator.nullsLast(String::compareTo))
                              .thenComparingInt(CitingSections.CitingSection::position)
                              .thenComparing(CitingSections.CitingSection::sectionId));
        return new CitingSections(query.conversationId(), citing);
    }

    /** The summary, with the cited key points whose words are withdrawn, so staff know it needs replacing. */
    private static Summary summaryOf(Document summary, List<KeyPoint> keyPoints) {
        List<String> cited = strings(summary, "citedKeyPointIds");
        List<String> withdrawn = keyPoints.stream()
                .filter(keyPoint -> cited.contains(keyPoint.keyPointId()))
                .filter(keyPoint -> keyPoint.current() != null && keyPoint.current().withdrawn())
                .map(KeyPoint::keyPointId)
                .toList();
        return new Summary(summary.getString("text"), summary.getString("by"), instant(summary, "at"), cited,
                           withdrawn);
    }
}
