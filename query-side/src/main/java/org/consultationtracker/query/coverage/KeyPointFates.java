package org.consultationtracker.query.coverage;

import org.consultationtracker.query.readmodel.ModelCollection;
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
        return of(keyPointDocuments(keyPointIds));
    }

    /** The stored key points with the given ids, in that order (unknown ids are left out). */
    public List<Document> keyPointDocuments(Collection<String> keyPointIds) {
        return new ArrayList<>(store.findAll(ModelCollection.of(model, ledger.keyPoints()), keyPointIds).values());
    }

    /** The stored conversation, or null. */
    public Document conversation(String conversationId) {
        return store.find(ModelCollection.of(model, ledger.conversations()), conversationId);
    }

    /**
     * Whether the ledger knows the conversation itself, not only as the target of a citation (a section may cite a
     * conversation id that was never scheduled; its document then holds nothing but the citing sections).
     */
    public static boolean known(Document conversation) {
        return conversation != null && conversation.keySet().stream().anyMatch(
                field -> !field.equals("_id") && !field.equals(org.consultationtracker.query.readmodel.DocumentSession.POSITION)
                        && !field.equals("citingSectionIds"));
    }

    /** The stored key points of one conversation, in the order they were recorded: one lookup by key per list. */
    public List<Document> keyPointsOf(Document conversation) {
        return keyPointDocuments(strings(conversation, "keyPointIds"));
    }

    /** The conversations the ledger lists for an agenda (session), in the order they were scheduled; none if unknown. */
    public Map<String, Document> conversationsOfAgenda(String agendaId) {
        Document agenda = store.find(ModelCollection.of(model, ledger.agendas()), agendaId);
        return agenda == null ? Map.of() : store.findAll(ModelCollection.of(model, ledger.conversations()),
                                                           strings(agenda, "conversationIds"));
    }

    /** The themes tagging any of the given key points (read by the theme ids each key point holds), ordered by id. */
    public List<CoverageView.ThemeRef> themesOf(Collection<Document> keyPoints) {
        Set<String> wanted = new LinkedHashSet<>();
        Set<String> themeIds = new LinkedHashSet<>();
        for (Document keyPoint : keyPoints) {
            wanted.add(keyPoint.getString("_id"));
            themeIds.addAll(strings(keyPoint, "themeIds"));
        }
        List<CoverageView.ThemeRef> themes = new ArrayList<>();
        for (Document theme : store.findAll(ModelCollection.of(model, ledger.themes()), themeIds).values()) {
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
        return store.findAll(ModelCollection.of(model, ledger.conversations()), ids);
    }

    public Map<String, Document> themes(Collection<String> ids) {
        return store.findAll(ModelCollection.of(model, ledger.themes()), ids);
    }

    public Map<String, Document> sections(Collection<String> ids) {
        return store.findAll(ModelCollection.of(model, ledger.sections()), ids);
    }

    /** The report's outline (consultation, title, section and theme ids), or null. */
    public Document reportOutline(String reportId) {
        return store.find(ModelCollection.of(model, ledger.reportOutlines()), reportId);
    }

    public Map<String, Document> reportOutlines(Collection<String> reportIds) {
        return store.findAll(ModelCollection.of(model, ledger.reportOutlines()), reportIds);
    }

    /** The reports started for a consultation, in the order they were started. */
    public List<String> reportIdsOf(String consultationId) {
        Document consultation = store.find(ModelCollection.of(model, ledger.consultationReports()), consultationId);
        return consultation == null ? List.of() : strings(consultation, "reportIds");
    }

    /** The fates of key-point documents of this ledger the caller has already loaded, in their order. */
    public List<KeyPointCoverage> of(List<Document> keyPoints) {
        // Only the sections citing these key points, directly, through a theme they are tagged with or with their
        // whole conversation: by key.
        Set<String> themeIds = new LinkedHashSet<>();
        Set<String> sectionIds = new LinkedHashSet<>();
        Set<String> conversationIds = new LinkedHashSet<>();
        Set<String> speakers = new LinkedHashSet<>();
        for (Document keyPoint : keyPoints) {
            themeIds.addAll(strings(keyPoint, "themeIds"));
            sectionIds.addAll(strings(keyPoint, "citedInSections"));
            conversationIds.add(keyPoint.getString("conversationId"));
            if (keyPoint.getString("attributedTo") != null) {
                speakers.add(keyPoint.getString("attributedTo"));
            }
        }
        Map<String, Document> themes = store.findAll(ModelCollection.of(model, ledger.themes()), themeIds);
        themes.values().forEach(theme -> sectionIds.addAll(strings(theme, "citingSectionIds")));
        Map<String, Document> conversations = store.findAll(ModelCollection.of(model, ledger.conversations()), conversationIds);
        conversations.values().forEach(conversation -> sectionIds.addAll(strings(conversation, "citingSectionIds")));
        Map<String, Document> sections = store.findAll(ModelCollection.of(model, ledger.sections()), sectionIds);
        Map<String, List<Document>> sectionsByTheme = new LinkedHashMap<>();
        themes.forEach((themeId, theme) -> {
            for (String sectionId : strings(theme, "citingSectionIds")) {
                if (sections.containsKey(sectionId)) {
                    sectionsByTheme.computeIfAbsent(themeId, t -> new ArrayList<>()).add(sections.get(sectionId));
                }
            }
        });
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
            Document conversation = conversations.get(keyPoint.getString("conversationId"));
            List<SectionRef> withConversation = wholeConversationCitations(conversation, sections);
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
            } else if (!withConversation.isEmpty()) {
                fate = Fate.CITED_WITH_CONVERSATION;
                detail = withConversationDetail(withConversation);
            } else if (summarised != null) {
                fate = Fate.SUMMARISED;
                detail = "summarised into the summary of conversation " + summarised.getString("conversationId");
            } else {
                fate = Fate.NOT_YET_HANDLED;
                detail = "not yet handled";
            }
            String speaker = keyPoint.getString("attributedTo");
            ParticipantRef voice = speaker == null ? null : voices.get(speaker);
            List<SectionRef> citedVia = new ArrayList<>(cited);
            citedVia.addAll(withConversation);
            citedVia.sort(Comparator.comparingInt(SectionRef::position).thenComparing(SectionRef::sectionId));
            result.add(new KeyPointCoverage(
                    keyPoint.getString("_id"), keyPoint.getString("conversationId"),
                    conversation == null ? null : conversation.getString("agendaId"),
                    conversation == null ? null : conversation.getInteger("round"),
                    conversation == null ? null : conversation.getString("room"), keyPoint.getString("kind"),
                    keyPoint.getBoolean("verbatim", false), voice == null ? null : voice.label(),
                    voice == null ? List.of("anonymous") : voice.stakeholderGroupIds(), currentText(keyPoint),
                    fate, detail, citedVia, summarised == null ? null : summarised.getString("conversationId"),
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

    /**
     * A written idea with its words, voice and fate ({@link Fate#CITED} or {@link Fate#NOT_YET_HANDLED}).
     *
     * @param voice               the author's label (pseudonym, "an erased participant"), or null when anonymous
     * @param stakeholderGroupIds the group the idea was sent in for, else the author's groups, else "anonymous"
     */
    public record IdeaCoverage(String ideaId, String sessionId, String voice, List<String> stakeholderGroupIds,
                               Text text, java.time.Instant at, Fate fate, String fateDetail,
                               List<SectionRef> citedIn) {
    }

    /** The ideas submitted to a session (a call for ideas), in the order they came; none if it has none. */
    public List<IdeaCoverage> ideasOfAgenda(String agendaId) {
        Document agenda = store.find(ModelCollection.of(model, ledger.agendas()), agendaId);
        if (agenda == null) {
            return List.of();
        }
        Map<String, Document> stored = store.findAll(ModelCollection.of(model, ledger.citedIdeas()),
                                                     strings(agenda, "ideaIds"));
        Map<String, IdeaFate> ideaFates = ideaFates(stored.keySet());
        Set<String> authors = new LinkedHashSet<>();
        stored.values().forEach(idea -> {
            if (idea.getString("participantId") != null) {
                authors.add(idea.getString("participantId"));
            }
        });
        Map<String, ParticipantRef> voices = participants.apply(authors);
        List<IdeaCoverage> ideas = new ArrayList<>();
        for (Document idea : stored.values()) {
            IdeaFate fate = ideaFates.get(idea.getString("_id"));
            ParticipantRef voice = idea.getString("participantId") == null ? null
                    : voices.get(idea.getString("participantId"));
            List<String> groups = idea.getString("stakeholderGroupId") != null
                    ? List.of(idea.getString("stakeholderGroupId"))
                    : voice != null && !voice.stakeholderGroupIds().isEmpty() ? voice.stakeholderGroupIds()
                    : List.of("anonymous");
            ideas.add(new IdeaCoverage(idea.getString("_id"), idea.getString("sessionId"),
                                       voice == null ? null : voice.label(), groups,
                                       text(idea.get("text", Document.class)), instant(idea, "at"), fate.fate(),
                                       fate.fateDetail(), fate.citedIn()));
        }
        return ideas;
    }

    /** The fates of the given ideas, by id (every id gets one): read by each idea's list of citing sections. */
    public Map<String, IdeaFate> ideaFates(Collection<String> ideaIds) {
        Set<String> wanted = new LinkedHashSet<>(ideaIds);
        Map<String, Document> cited = store.findAll(ModelCollection.of(model, ledger.citedIdeas()), wanted);
        Set<String> sectionIds = new LinkedHashSet<>();
        cited.values().forEach(idea -> sectionIds.addAll(strings(idea, "citedInSections")));
        Map<String, Document> sections = store.findAll(ModelCollection.of(model, ledger.sections()), sectionIds);
        Map<String, IdeaFate> fates = new LinkedHashMap<>();
        for (String ideaId : wanted) {
            List<SectionRef> citing = new ArrayList<>();
            Document idea = cited.get(ideaId);
            for (String sectionId : idea == null ? List.<String>of() : strings(idea, "citedInSections")) {
                if (sections.containsKey(sectionId)) {
                    citing.add(sectionRef(sections.get(sectionId), "cited directly"));
                }
            }
            citing.sort(Comparator.comparingInt(SectionRef::position).thenComparing(SectionRef::sectionId));
            fates.put(ideaId, citing.isEmpty() ? new IdeaFate(ideaId, Fate.NOT_YET_HANDLED, "not yet handled", citing)
                    : new IdeaFate(ideaId, Fate.CITED, citedDetail(citing), citing));
        }
        return fates;
    }

    /** The sections citing a conversation as a whole (its document lists them), in report order. */
    private static List<SectionRef> wholeConversationCitations(Document conversation, Map<String, Document> sections) {
        List<SectionRef> citing = new ArrayList<>();
        if (conversation != null) {
            for (String sectionId : strings(conversation, "citingSectionIds")) {
                if (sections.containsKey(sectionId)) {
                    citing.add(sectionRef(sections.get(sectionId), WHOLE_CONVERSATION));
                }
            }
        }
        citing.sort(Comparator.comparingInt(SectionRef::position).thenComparing(SectionRef::sectionId));
        return citing;
    }

    /** {@link SectionRef#via()} of a section that cites the whole conversation the thing was said in. */
    public static final String WHOLE_CONVERSATION = "whole conversation";

    /**
     * A plenary contribution's fate, by the rule a key point's follows where it applies: cited by a section on its
     * own, cited with its whole conversation, or not yet handled (contributions are not retracted or summarised).
     *
     * @param voice the contributor's label (pseudonym, "an erased participant"), or null when anonymous
     */
    public record ContributionFate(String contributionId, String conversationId, String voice,
                                   List<String> stakeholderGroupIds, Text text, java.time.Instant at, Fate fate,
                                   String fateDetail, List<SectionRef> citedIn) {
    }

    /** The plenary contributions about a conversation, in the order they were said. */
    public List<ContributionFate> contributionsOf(Document conversation) {
        return contributionFates(strings(conversation, "contributionIds"));
    }

    /** The plenary contributions with the given ids (unknown ids are left out), in the order they were said. */
    public List<ContributionFate> contributionFates(Collection<String> contributionIds) {
        Map<String, Document> stored = store.findAll(ModelCollection.of(model, ledger.contributions()), contributionIds);
        Set<String> conversationIds = new LinkedHashSet<>();
        Set<String> speakers = new LinkedHashSet<>();
        Set<String> sectionIds = new LinkedHashSet<>();
        List<Document> said = new ArrayList<>();
        for (Document contribution : stored.values()) {
            if (contribution.getString("conversationId") == null) {
                continue; // only cited so far: a section names an id whose contribution this ledger has not seen
            }
            said.add(contribution);
            conversationIds.add(contribution.getString("conversationId"));
            sectionIds.addAll(strings(contribution, "citedInSections"));
            if (contribution.getString("contributorId") != null) {
                speakers.add(contribution.getString("contributorId"));
            }
        }
        Map<String, Document> conversations = store.findAll(ModelCollection.of(model, ledger.conversations()), conversationIds);
        conversations.values().forEach(conversation -> sectionIds.addAll(strings(conversation, "citingSectionIds")));
        Map<String, Document> sections = store.findAll(ModelCollection.of(model, ledger.sections()), sectionIds);
        Map<String, ParticipantRef> voices = participants.apply(speakers);
        List<ContributionFate> fates = new ArrayList<>();
        for (Document contribution : said) {
            List<SectionRef> cited = new ArrayList<>();
            for (String sectionId : strings(contribution, "citedInSections")) {
                if (sections.containsKey(sectionId)) {
                    cited.add(sectionRef(sections.get(sectionId), "cited directly"));
                }
            }
            cited.sort(Comparator.comparingInt(SectionRef::position).thenComparing(SectionRef::sectionId));
            List<SectionRef> withConversation =
                    wholeConversationCitations(conversations.get(contribution.getString("conversationId")), sections);
            List<SectionRef> citedIn = new ArrayList<>(cited);
            citedIn.addAll(withConversation);
            citedIn.sort(Comparator.comparingInt(SectionRef::position).thenComparing(SectionRef::sectionId));
            Fate fate = !cited.isEmpty() ? Fate.CITED
                    : !withConversation.isEmpty() ? Fate.CITED_WITH_CONVERSATION : Fate.NOT_YET_HANDLED;
            String detail = switch (fate) {
                case CITED -> citedDetail(cited);
                case CITED_WITH_CONVERSATION -> withConversationDetail(withConversation);
                default -> "not yet handled";
            };
            String speaker = contribution.getString("contributorId");
            ParticipantRef voice = speaker == null ? null : voices.get(speaker);
            fates.add(new ContributionFate(contribution.getString("_id"), contribution.getString("conversationId"),
                                           voice == null ? null : voice.label(),
                                           voice == null ? List.of("anonymous") : voice.stakeholderGroupIds(),
                                           text(contribution.get("text", Document.class)), instant(contribution, "at"),
                                           fate, detail, citedIn));
        }
        fates.sort(Comparator.comparing(ContributionFate::at, Comparator.nullsLast(java.time.Instant::compareTo))
                             .thenComparing(ContributionFate::contributionId));
        return fates;
    }

    private static String withConversationDetail(List<SectionRef> citing) {
        return "cited with its whole conversation in " + sectionWords(citing);
    }

    private static String citedDetail(List<SectionRef> cited) {
        return "cited in " + sectionWords(cited);
    }

    private static String sectionWords(List<SectionRef> cited) {
        SectionRef first = cited.get(0);
        return "section " + first.position() + " (" + first.heading() + ")"
                + (first.publishedVersions().isEmpty() ? ", not yet published"
                : ", published in version " + first.publishedVersions().get(first.publishedVersions().size() - 1))
                + (cited.size() > 1 ? " and " + (cited.size() - 1) + " more" : "");
    }

    public static SectionRef sectionRef(Document section, String via) {
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
