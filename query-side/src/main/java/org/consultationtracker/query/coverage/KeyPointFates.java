package org.consultationtracker.query.coverage;

import org.bson.Document;
import org.consultationtracker.query.coverage.CoverageView.KeyPointCoverage;
import org.consultationtracker.query.coverage.CoverageView.SectionRef;
import org.consultationtracker.query.coverage.CoverageView.Text;
import org.consultationtracker.query.participants.ParticipantDirectory.ParticipantRef;
import org.consultationtracker.query.readmodel.ReadModel;
import org.consultationtracker.query.readmodel.ReadModelStore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.consultationtracker.query.readmodel.Docs.documents;
import static org.consultationtracker.query.readmodel.Docs.instant;
import static org.consultationtracker.query.readmodel.Docs.strings;

/** Reads a {@link KeyPointLedger}'s documents and works out each key point's fate. */
public final class KeyPointFates {

    private final ReadModelStore store;
    private final ReadModel model;
    private final KeyPointLedger ledger;
    private final Function<Collection<String>, Map<String, ParticipantRef>> participants;
    private final Words words;

    public KeyPointFates(ReadModelStore store, ReadModel model, KeyPointLedger ledger,
                         Function<Collection<String>, Map<String, ParticipantRef>> participants, Words words) {
        this.store = store;
        this.model = model;
        this.ledger = ledger;
        this.participants = participants;
        this.words = words;
    }

    /** The key points with the given ids, in that order (unknown ids are left out). */
    public List<KeyPointCoverage> fatesOf(Collection<String> keyPointIds) {
        return of(new ArrayList<>(store.findAll(model, ledger.keyPoints(), keyPointIds).values()));
    }

    /** Every key point, or those of one conversation. Scans: coverage is a report, not a hot path. */
    public List<KeyPointCoverage> all(String conversationId) {
        List<Document> keyPoints = new ArrayList<>();
        store.scan(model, ledger.keyPoints(), conversationId == null ? new Document()
                : com.mongodb.client.model.Filters.eq("conversationId", conversationId)).into(keyPoints);
        return of(keyPoints);
    }

    /** The themes tagging any of the given key points, ordered by id. */
    public List<CoverageView.ThemeRef> themesOf(Collection<String> keyPointIds) {
        Set<String> wanted = new LinkedHashSet<>(keyPointIds);
        List<CoverageView.ThemeRef> themes = new ArrayList<>();
        for (Document theme : store.scan(model, ledger.themes(), new Document())) {
            List<String> tagged = strings(theme, "keyPointIds").stream().filter(wanted::contains).toList();
            if (!tagged.isEmpty()) {
                themes.add(new CoverageView.ThemeRef(theme.getString("_id"), theme.getString("reportId"),
                                                     theme.getString("name"), theme.getString("description"),
                                                     tagged));
            }
        }
        themes.sort(Comparator.comparing(CoverageView.ThemeRef::themeId));
        return themes;
    }

    public Map<String, Document> conversations(Collection<String> ids) {
        return store.findAll(model, ledger.conversations(), ids);
    }

    /** The fates of key-point documents of this ledger the caller has already loaded, in their order. */
    public List<KeyPointCoverage> of(List<Document> keyPoints) {
        Map<String, Document> sections = new LinkedHashMap<>();
        for (Document section : store.scan(model, ledger.sections(), new Document())) {
            sections.put(section.getString("_id"), section);
        }
        // Themes cited by sections: a key point tagged with one reached the report through it.
        Map<String, List<Document>> sectionsByTheme = new LinkedHashMap<>();
        for (Document section : sections.values()) {
            for (Document citation : documents(section, "citations")) {
                if ("THEME".equals(citation.getString("kind"))) {
                    sectionsByTheme.computeIfAbsent(citation.getString("targetId"), t -> new ArrayList<>())
                                   .add(section);
                }
            }
        }
        Set<String> conversationIds = new LinkedHashSet<>();
        Set<String> speakers = new LinkedHashSet<>();
        for (Document keyPoint : keyPoints) {
            conversationIds.add(keyPoint.getString("conversationId"));
            if (keyPoint.getString("attributedTo") != null) {
                speakers.add(keyPoint.getString("attributedTo"));
            }
        }
        Map<String, Document> conversations = store.findAll(model, ledger.conversations(), conversationIds);
        Map<String, ParticipantRef> voices = participants.apply(speakers);

        List<KeyPointCoverage> result = new ArrayList<>();
        for (Document keyPoint : keyPoints) {
            List<SectionRef> cited = new ArrayList<>();
            for (String sectionId : strings(keyPoint, "citedInSections")) {
                Document section = sections.get(sectionId);
                if (section != null) {
                    cited.add(sectionRef(section, "cited directly"));
                }
            }
            for (String themeId : strings(keyPoint, "themeIds")) {
                for (Document section : sectionsByTheme.getOrDefault(themeId, List.of())) {
                    cited.add(sectionRef(section, "theme " + themeId));
                }
            }
            cited.sort(Comparator.comparingInt(SectionRef::position).thenComparing(SectionRef::sectionId));
            Document retracted = keyPoint.get("retracted", Document.class);
            Document summarised = keyPoint.get("summarisedIn", Document.class);
            Fate fate;
            String detail;
            if (retracted != null) {
                fate = Fate.RETRACTED;
                detail = "retracted: " + retracted.getString("reason");
            } else if (!cited.isEmpty()) {
                fate = Fate.CITED;
                detail = citedDetail(cited);
            } else if (summarised != null) {
                fate = Fate.SUMMARISED;
                detail = "summarised into the summary of conversation " + summarised.getString("conversationId");
            } else {
                fate = Fate.NOT_YET_HANDLED;
                detail = "not yet handled";
            }
            String speaker = keyPoint.getString("attributedTo");
            ParticipantRef voice = speaker == null ? null : voices.get(speaker);
            Document conversation = conversations.get(keyPoint.getString("conversationId"));
            result.add(new KeyPointCoverage(
                    keyPoint.getString("_id"), keyPoint.getString("conversationId"),
                    conversation == null ? null : conversation.getString("agendaId"),
                    conversation == null ? null : conversation.getInteger("round"),
                    conversation == null ? null : conversation.getString("room"), keyPoint.getString("kind"),
                    keyPoint.getBoolean("verbatim", false), voice == null ? null : voice.label(),
                    voice == null ? List.of("anonymous") : voice.stakeholderGroupIds(), currentText(keyPoint),
                    fate, detail, cited, summarised == null ? null : summarised.getString("conversationId"),
                    retracted == null ? null : retracted.getString("reason"), instant(keyPoint, "saidAt")));
        }
        return result;
    }

    /**
     * A written idea's fate, by the rule a key point's follows where it applies: an idea is cited in the report or
     * not yet handled (ideas are not retracted or summarised).
     */
    public record IdeaFate(String ideaId, Fate fate, String fateDetail, List<SectionRef> citedIn) {
    }

    /** The fates of the given ideas, by id (every id gets one). */
    public Map<String, IdeaFate> ideaFates(Collection<String> ideaIds) {
        Set<String> wanted = new LinkedHashSet<>(ideaIds);
        Map<String, List<SectionRef>> citing = new LinkedHashMap<>();
        for (Document section : store.scan(model, ledger.sections(), new Document())) {
            for (Document citation : documents(section, "citations")) {
                if ("IDEA".equals(citation.getString("kind")) && wanted.contains(citation.getString("targetId"))) {
                    citing.computeIfAbsent(citation.getString("targetId"), id -> new ArrayList<>())
                          .add(sectionRef(section, "cited directly"));
                }
            }
        }
        Map<String, IdeaFate> fates = new LinkedHashMap<>();
        for (String ideaId : wanted) {
            List<SectionRef> cited = citing.getOrDefault(ideaId, new ArrayList<>());
            cited.sort(Comparator.comparingInt(SectionRef::position).thenComparing(SectionRef::sectionId));
            fates.put(ideaId, cited.isEmpty() ? new IdeaFate(ideaId, Fate.NOT_YET_HANDLED, "not yet handled", cited)
                    : new IdeaFate(ideaId, Fate.CITED, citedDetail(cited), cited));
        }
        return fates;
    }

    private static String citedDetail(List<SectionRef> cited) {
        SectionRef first = cited.get(0);
        return "cited in section " + first.position() + " (" + first.heading() + ")"
                + (first.publishedVersions().isEmpty() ? ", not yet published"
                : ", published in version " + first.publishedVersions().get(first.publishedVersions().size() - 1))
                + (cited.size() > 1 ? " and " + (cited.size() - 1) + " more" : "");
    }

    private static SectionRef sectionRef(Document section, String via) {
        List<Integer> versions = new ArrayList<>();
        for (Object version : section.getList("publishedVersions", Object.class, List.of())) {
            versions.add(((Number) version).intValue());
        }
        return new SectionRef(section.getString("reportId"), section.getString("_id"),
                              section.getInteger("position", 0), section.getString("heading"), via, versions);
    }

    /** The latest wording: the last edit's, or the original. */
    public Text currentText(Document keyPoint) {
        List<Document> edits = documents(keyPoint, "edits");
        Document wording = edits.isEmpty() ? keyPoint.get("original", Document.class)
                : edits.get(edits.size() - 1).get("text", Document.class);
        return text(wording);
    }

    public Text text(Document wording) {
        return words.show(wording);
    }
}
