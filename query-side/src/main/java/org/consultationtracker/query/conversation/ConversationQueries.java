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
import org.consultationtracker.query.readmodel.ReadModel;
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

import static com.mongodb.client.model.Filters.eq;
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

    private static final KeyPointLedger LEDGER = CoverageProjection.LEDGER;

    private final ReadModelStore store;
    private final ParticipantDirectory directory;
    private final KeyPointFates fates;
    private final Words words;

    public ConversationQueries(ReadModelStore store, ParticipantDirectory directory, Words words) {
        this.words = words;
        this.store = store;
        this.directory = directory;
        this.fates = new KeyPointFates(store, ReadModel.COVERAGE, LEDGER, directory::resolve, words);
    }

    @QueryHandler
    public ConversationView handle(FindConversation query) {
        Document conversation = store.find(ReadModel.COVERAGE, LEDGER.conversations(), query.conversationId());
        if (conversation == null) {
            throw new UnknownId("conversation", query.conversationId());
        }
        List<Document> loaded = store.scan(ReadModel.COVERAGE, LEDGER.keyPoints(),
                                           eq("conversationId", query.conversationId())).into(new ArrayList<>());
        Map<String, Document> stored = new LinkedHashMap<>();
        loaded.forEach(keyPoint -> stored.put(keyPoint.getString("_id"), keyPoint));
        List<KeyPointCoverage> covered = new ArrayList<>(fates.of(loaded));
        covered.sort(Comparator.comparing(KeyPointCoverage::saidAt, Comparator.nullsLast(Instant::compareTo))
                               .thenComparing(KeyPointCoverage::keyPointId));
        List<String> ids = covered.stream().map(KeyPointCoverage::keyPointId).toList();

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
            keyPoints.add(new KeyPoint(
                    fate.keyPointId(), fate.kind(), fate.verbatim(), speakerId,
                    speaker == null ? (speakerId == null ? "anonymous" : speakerId) : speaker.label(),
                    speaker != null && speaker.erased(), fate.saidAt(),
                    showUsers ? keyPoint.getString("recordedBy") : null,
                    fates.text(keyPoint.get("original", Document.class)), edits, fate.text(),
                    retracted == null ? null : new Retraction(retracted.getString("reason"),
                                                              showUsers ? retracted.getString("by") : null,
                                                              instant(retracted, "at")),
                    fate.fate(), fate.fateDetail(), fate.citedVia(), strings(keyPoint, "themeIds")));
        }

        List<ParticipantRef> hosts = strings(conversation, "hostIds").stream().map(refs::get).toList();
        Document summary = conversation.get("summary", Document.class);
        List<Theme> themes = new ArrayList<>();
        for (ThemeRef theme : fates.themesOf(ids)) {
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
                keyPoints, themes);
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
