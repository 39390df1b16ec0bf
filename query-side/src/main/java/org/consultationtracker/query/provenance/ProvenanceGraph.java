package org.consultationtracker.query.provenance;

import org.bson.Document;
import org.consultationtracker.eventstore.verify.CommitSeals;
import org.consultationtracker.query.coverage.CoverageView.Text;
import org.consultationtracker.query.coverage.Words;
import org.consultationtracker.query.participants.ParticipantDirectory;
import org.consultationtracker.query.participants.ParticipantDirectory.ParticipantRef;
import org.consultationtracker.query.provenance.ProvDocument.Kind;
import org.consultationtracker.query.provenance.ProvDocument.Node;
import org.consultationtracker.query.provenance.ProvDocument.Relation;
import org.consultationtracker.query.provenance.ProvDocument.Typed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.consultationtracker.query.provenance.ProvenanceProjection.CONTRIBUTIONS;
import static org.consultationtracker.query.provenance.ProvenanceProjection.CONVERSATIONS;
import static org.consultationtracker.query.provenance.ProvenanceProjection.FEEDBACK;
import static org.consultationtracker.query.provenance.ProvenanceProjection.IDEAS;
import static org.consultationtracker.query.provenance.ProvenanceProjection.KEY_POINTS;
import static org.consultationtracker.query.provenance.ProvenanceProjection.PARTICIPANTS;
import static org.consultationtracker.query.provenance.ProvenanceProjection.THEMES;
import static org.consultationtracker.query.readmodel.Docs.documents;
import static org.consultationtracker.query.readmodel.Docs.instant;
import static org.consultationtracker.query.readmodel.Docs.strings;

/**
 * Builds one provenance export from the provenance read model, reading only the documents it exports, by key (and
 * remembering each, so a document is read once per export).
 *
 * <p>Identifiers are event positions: {@code ct:words-P} is the original recording of the key point recorded at
 * position P, {@code ct:edit-Q} the text of the edit at Q, {@code ct:section-W} a section as written at W,
 * {@code ct:version-P} the version published at P, and so on. Every node made from an event carries that position and
 * the chain hash of the commit holding it ({@link #seal}).
 *
 * <p>What never appears: a participant's name (participants are agents by pseudonym only); an erased participant's
 * pseudonym and words (their key points, edits, ideas, plenary contributions and feedback keep their place without
 * text, and a section quoting them without its text); and, unless the reader is an admin, who typed or edited an anonymous key point.
 */
final class ProvenanceGraph {

    static final String REVIEW_TEAM = "ct:review-team";
    static final String ERASED = "ct:erased-participant";

    /** Decides which citations of a section an export follows (a participant's export only their own). */
    interface CitationFilter extends Predicate<Document> {

        /** Every citation, every key point. */
        CitationFilter ALL = citation -> true;

        /** Whether a key point behind a cited conversation's summary is followed. */
        default boolean followsKeyPoint(Document keyPoint) {
            return true;
        }
    }

    private final Documents documents;
    private final ParticipantDirectory directory;
    private final Words words;
    private final boolean identifyAnonymous;
    private final ProvDocument prov = new ProvDocument();
    private final Map<String, ParticipantRef> people = new HashMap<>();
    private final Map<String, Boolean> registered = new HashMap<>();

    /** Documents of the provenance model by collection and id, read in batches. */
    interface Documents {
        Map<String, Document> findAll(String collection, Collection<String> ids);
    }

    private final Map<String, Map<String, Document>> read = new HashMap<>();

    ProvenanceGraph(Documents documents, ParticipantDirectory directory, Words words, boolean identifyAnonymous) {
        this.documents = documents;
        this.directory = directory;
        this.words = words;
        this.identifyAnonymous = identifyAnonymous;
    }

    ProvDocument document() {
        return prov;
    }

    // ------------------------------------------------------------------------------------------------ reading

    /** Reads the documents not read yet in one round trip; returns those found, in the order asked. */
    Map<String, Document> load(String collection, Collection<String> ids) {
        Map<String, Document> cache = read.computeIfAbsent(collection, c -> new HashMap<>());
        List<String> missing = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            if (id != null && !cache.containsKey(id)) {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            Map<String, Document> found = documents.findAll(collection, missing);
            for (String id : missing) {
                cache.put(id, found.get(id));
            }
        }
        Map<String, Document> result = new java.util.LinkedHashMap<>();
        for (String id : ids) {
            Document document = cache.get(id);
            if (document != null) {
                result.put(id, document);
            }
        }
        return result;
    }

    Document one(String collection, String id) {
        return id == null ? null : load(collection, List.of(id)).get(id);
    }

    // ------------------------------------------------------------------------------------------------ versions

    /**
     * A published version: the version entity, its publishing activity and publisher, the version it revises, and
     * the sections {@code sections} selects, each with the citations {@code citations} selects.
     */
    void version(Document version, String title, Predicate<Document> sections, CitationFilter citations) {
        Document publication = version.get("publication", Document.class);
        long position = position(publication);
        int number = version.getInteger("version", 0);
        String at = time(version, "at");
        String entity = "ct:version-" + position;
        Node node = prov.node(entity, Kind.ENTITY);
        node.attributes().put("prov:type", qualified("ct:ReportVersion"));
        node.attributes().put("prov:label", (title == null ? "report" : title) + ", version " + number);
        node.attributes().put("ct:reportId", version.getString("reportId"));
        node.attributes().put("ct:version", number);
        putIfPresent(node, "ct:changeNote", version.getString("changeNote"));
        node.attributes().put("ct:position", position);
        String publishing = activity("ct:publishing-" + position, "ct:Publishing", at, position);
        prov.link(Relation.GENERATION, entity, publishing, at);
        reviewTeamMember(publishing, entity, publication.getString("actor"), "ct:publisher");

        Document previous = version.get("previous", Document.class);
        if (previous != null) {
            long previousPosition = position(previous);
            String older = "ct:version-" + previousPosition;
            Node olderNode = prov.node(older, Kind.ENTITY);
            olderNode.attributes().putIfAbsent("prov:type", qualified("ct:ReportVersion"));
            olderNode.attributes().putIfAbsent("ct:reportId", version.getString("reportId"));
            olderNode.attributes().putIfAbsent("ct:version", previous.getInteger("version", 0));
            olderNode.attributes().putIfAbsent("ct:position", previousPosition);
            prov.revise(entity, older);
        }
        for (Document section : documents(version, "sections")) {
            if (sections.test(section)) {
                String written = section(section, position, publishing, at, citations);
                prov.link(Relation.USAGE, publishing, written);
                prov.link(Relation.DERIVATION, entity, written);
            }
        }
    }

    /** A section as published: the entity of the write it was published from, derived from what it cites. */
    private String section(Document section, long publishedAt, String publishing, String publishingTime,
                           CitationFilter filter) {
        Document write = section.get("write", Document.class);
        String entity;
        String writing;
        long cutoff;
        if (write != null) {
            cutoff = position(write);
            entity = "ct:section-" + cutoff;
            writing = activity("ct:writing-" + cutoff, "ct:Writing", time(write, "at"), cutoff);
            prov.link(Relation.GENERATION, entity, writing, time(write, "at"));
            reviewTeamMember(writing, entity, write.getString("actor"), "ct:writer");
        } else {
            // Published without a write this model saw (imported as published): the publication made it.
            cutoff = publishedAt;
            entity = "ct:section-" + publishedAt + "-" + section.getInteger("order", 0);
            writing = publishing;
            prov.link(Relation.GENERATION, entity, publishing, publishingTime);
        }
        Node node = prov.node(entity, Kind.ENTITY);
        node.attributes().put("prov:type", qualified("ct:ReportSection"));
        putIfPresent(node, "prov:label", section.getString("heading"));
        node.attributes().put("ct:sectionId", section.getString("sectionId"));
        node.attributes().put("ct:order", section.getInteger("order", 0));
        node.attributes().put("ct:position", cutoff);
        List<Document> citations = documents(section, "citations");
        List<Object> described = new ArrayList<>();
        citations.forEach(c -> described.add(c.getString("kind") + " " + c.getString("targetId")));
        if (!described.isEmpty()) {
            node.attributes().put("ct:citation", described);
        }
        boolean quotesErased = false;
        List<Document> followed = citations.stream().filter(filter).toList();
        prefetchCitations(followed);
        for (Document citation : followed) {
            String target = citation.getString("targetId");
            switch (citation.getString("kind")) {
                case "KEY_POINT", "QUOTE" -> {
                    Document keyPoint = one(KEY_POINTS, target);
                    if (keyPoint != null && keyPoint.get("position") != null) {
                        keyPoint(keyPoint);
                        String text = textAsOf(keyPoint, cutoff);
                        prov.link(Relation.USAGE, writing, text);
                        prov.link(Relation.DERIVATION, entity, text);
                        quotesErased |= "QUOTE".equals(citation.getString("kind")) && speakerErased(keyPoint);
                    }
                }
                case "CONVERSATION" -> {
                    Document conversation = one(CONVERSATIONS, target);
                    if (conversation != null) {
                        prov.link(Relation.COMMUNICATION, writing, conversation(target, conversation));
                        String summary = summaryAsOf(target, conversation, cutoff, filter);
                        if (summary != null) {
                            prov.link(Relation.USAGE, writing, summary);
                            prov.link(Relation.DERIVATION, entity, summary);
                        }
                    }
                }
                case "THEME" -> {
                    Document theme = one(THEMES, target);
                    if (theme != null) {
                        for (String tag : tagsAsOf(theme, cutoff, filter)) {
                            prov.link(Relation.USAGE, writing, tag);
                            prov.link(Relation.DERIVATION, entity, tag);
                        }
                    }
                }
                case "IDEA" -> {
                    String idea = idea(one(IDEAS, target));
                    if (idea != null) {
                        prov.link(Relation.USAGE, writing, idea);
                        prov.link(Relation.DERIVATION, entity, idea);
                    }
                }
                case "PLENARY_CONTRIBUTION" -> {
                    String contribution = contribution(one(CONTRIBUTIONS, target));
                    if (contribution != null) {
                        prov.link(Relation.USAGE, writing, contribution);
                        prov.link(Relation.DERIVATION, entity, contribution);
                    }
                }
                case "SESSION_FEEDBACK" -> {
                    String feedback = feedback(one(FEEDBACK, target));
                    if (feedback != null) {
                        prov.link(Relation.USAGE, writing, feedback);
                        prov.link(Relation.DERIVATION, entity, feedback);
                    }
                }
                default -> {
                    // a kind of citation this export does not follow: it is listed in ct:citation all the same
                }
            }
        }
        if (quotesErased) {
            node.attributes().put("ct:textWithheld", "the section quotes an erased participant");
        } else {
            putIfPresent(node, "prov:value", section.getString("text"));
        }
        return entity;
    }

    private void prefetchCitations(List<Document> citations) {
        List<String> keyPoints = new ArrayList<>();
        List<String> conversations = new ArrayList<>();
        List<String> themes = new ArrayList<>();
        List<String> ideas = new ArrayList<>();
        List<String> contributions = new ArrayList<>();
        List<String> feedback = new ArrayList<>();
        for (Document citation : citations) {
            String target = citation.getString("targetId");
            switch (citation.getString("kind")) {
                case "KEY_POINT", "QUOTE" -> keyPoints.add(target);
                case "CONVERSATION" -> conversations.add(target);
                case "THEME" -> themes.add(target);
                case "IDEA" -> ideas.add(target);
                case "PLENARY_CONTRIBUTION" -> contributions.add(target);
                case "SESSION_FEEDBACK" -> feedback.add(target);
                default -> {
                }
            }
        }
        load(KEY_POINTS, keyPoints);
        load(CONVERSATIONS, conversations);
        load(THEMES, themes);
        load(IDEAS, ideas);
        load(CONTRIBUTIONS, contributions);
        load(FEEDBACK, feedback);
    }

    // ------------------------------------------------------------------------------------------------ key points

    /**
     * A key point: the record ({@code ct:keypoint-P}), the words as first recorded ({@code ct:words-P}) and each
     * edit ({@code ct:edit-Q}, derived from the text before it), all specialisations of the record; the
     * conversation they were said in; the speaker, the note-taker and the editors.
     */
    void keyPoint(Document keyPoint) {
        long position = position(keyPoint);
        String record = "ct:keypoint-" + position;
        if (prov.has(record)) {
            return;
        }
        String conversationId = keyPoint.getString("conversationId");
        String conversation = conversation(conversationId, one(CONVERSATIONS, conversationId));
        boolean anonymous = keyPoint.getString("attributedTo") == null;
        boolean erased = speakerErased(keyPoint);
        boolean showStaff = !anonymous || identifyAnonymous;

        Node node = prov.node(record, Kind.ENTITY);
        node.attributes().put("prov:type", qualified("ct:KeyPoint"));
        node.attributes().put("ct:keyPointId", keyPoint.getString("_id"));
        putIfPresent(node, "ct:kind", keyPoint.getString("kind"));
        node.attributes().put("ct:verbatim", keyPoint.getBoolean("verbatim", false));
        node.attributes().put("ct:position", position);
        Document retracted = keyPoint.get("retracted", Document.class);
        if (retracted != null) {
            node.attributes().put("ct:retracted", true);
            putIfPresent(node, "ct:retractionReason", retracted.getString("reason"));
        }
        prov.link(Relation.GENERATION, record, conversation, time(keyPoint, "recordedAt"));
        String noteTaker = showStaff ? person(keyPoint.getString("recordedBy")) : null;
        if (noteTaker != null) {
            prov.link(Relation.ATTRIBUTION, record, noteTaker);
            prov.associate(conversation, noteTaker, "ct:noteTaker");
        }

        String words = "ct:words-" + position;
        Node spoken = prov.node(words, Kind.ENTITY);
        spoken.attributes().put("prov:type", qualified("ct:SpokenWords"));
        spoken.attributes().put("ct:position", position);
        text(spoken, keyPoint.get("original", Document.class), erased);
        prov.link(Relation.GENERATION, words, conversation, time(keyPoint, "saidAt"));
        prov.link(Relation.SPECIALIZATION, words, record);
        if (!anonymous) {
            String speaker = participant(keyPoint.getString("attributedTo"));
            prov.link(Relation.ATTRIBUTION, words, speaker);
            prov.associate(conversation, speaker, "ct:speaker");
        }

        String before = words;
        for (Document edit : documents(keyPoint, "edits")) {
            long at = position(edit);
            String text = "ct:edit-" + at;
            String editing = activity("ct:editing-" + at, "ct:Editing", time(edit, "at"), at);
            Node edited = prov.node(text, Kind.ENTITY);
            edited.attributes().put("prov:type", qualified("ct:Edit"));
            putIfPresent(edited, "ct:reason", edit.getString("reason"));
            edited.attributes().put("ct:position", at);
            text(edited, edit.get("text", Document.class), erased);
            prov.link(Relation.GENERATION, text, editing, time(edit, "at"));
            prov.link(Relation.USAGE, editing, before);
            prov.link(Relation.DERIVATION, text, before);
            prov.link(Relation.SPECIALIZATION, text, record);
            String editor = showStaff ? person(edit.getString("by")) : null;
            if (editor != null) {
                prov.link(Relation.ATTRIBUTION, text, editor);
                prov.associate(editing, editor, "ct:editor");
            }
            before = text;
        }
    }

    /** The key point's text as it stood before {@code position}: its last earlier edit, or its original words. */
    String textAsOf(Document keyPoint, long position) {
        keyPoint(keyPoint);
        String text = "ct:words-" + position(keyPoint);
        for (Document edit : documents(keyPoint, "edits")) {
            if (position(edit) < position) {
                text = "ct:edit-" + position(edit);
            }
        }
        return text;
    }

    private boolean speakerErased(Document keyPoint) {
        String speaker = keyPoint.getString("attributedTo");
        return speaker != null && ref(speaker).erased();
    }

    /** Words shown only when readable and their speaker is not erased; otherwise it says why they are not. */
    private void text(Node node, Document wording, boolean speakerErased) {
        if (speakerErased) {
            node.attributes().put("ct:textWithheld", "speaker erased");
            return;
        }
        Text text = words.show(wording);
        if (text.withdrawn()) {
            node.attributes().put("ct:textWithheld", "words withdrawn");
        } else if (text.sealed()) {
            node.attributes().put("ct:textWithheld", "held encrypted, not readable here");
        } else if (text.plain() != null) {
            node.attributes().put("prov:value", text.plain());
        }
    }

    // ------------------------------------------------------------------------------------------------ conversations

    /** The conversation's activity, named by the position of its start (or of the first event seen of it). */
    String conversation(String conversationId, Document conversation) {
        Document started = conversation == null ? null : conversation.get("started", Document.class);
        Long position = started != null ? Long.valueOf(position(started))
                : conversation != null && conversation.get("firstPosition") != null
                ? conversation.get("firstPosition", Number.class).longValue() : null;
        String id = position == null ? "ct:conversation-" + local(conversationId) : "ct:conversation-" + position;
        if (!prov.has(id)) {
            activity(id, "ct:Conversation", started == null ? null : time(started, "at"), position);
            Node node = prov.node(id, Kind.ACTIVITY);
            node.attributes().put("ct:conversationId", conversationId);
            if (started != null) {
                putIfPresent(node, "ct:room", started.getString("room"));
                node.attributes().put("ct:round", started.getInteger("round", 0));
            }
        }
        return id;
    }

    /**
     * The conversation's summary as it stood before {@code position}, derived from the key points it cites that the
     * filter follows; null when it had none, or when it cites none of them and the filter does not follow every one.
     */
    private String summaryAsOf(String conversationId, Document conversation, long position, CitationFilter filter) {
        Document latest = null;
        for (Document summary : documents(conversation, "summaries")) {
            if (position(summary) < position) {
                latest = summary;
            }
        }
        if (latest == null) {
            return null;
        }
        if (filter != CitationFilter.ALL
                && load(KEY_POINTS, strings(latest, "cited")).values().stream().noneMatch(filter::followsKeyPoint)) {
            return null;
        }
        return summary(conversationId, conversation, latest, filter::followsKeyPoint);
    }

    String summary(String conversationId, Document conversation, Document summary, Predicate<Document> follow) {
        long at = position(summary);
        String id = "ct:summary-" + at;
        Node node = prov.node(id, Kind.ENTITY);
        node.attributes().put("prov:type", qualified("ct:ConversationSummary"));
        putIfPresent(node, "prov:value", summary.getString("text"));
        node.attributes().put("ct:position", at);
        prov.link(Relation.GENERATION, id, conversation(conversationId, conversation), time(summary, "at"));
        String by = person(summary.getString("by"));
        if (by != null) {
            prov.link(Relation.ATTRIBUTION, id, by);
        }
        for (Document keyPoint : load(KEY_POINTS, strings(summary, "cited")).values()) {
            if (keyPoint.get("position") != null && follow.test(keyPoint)) {
                prov.link(Relation.DERIVATION, id, textAsOf(keyPoint, at));
            }
        }
        return id;
    }

    // ------------------------------------------------------------------------------------------------ themes, ideas

    /** The theme's tags made before {@code position} of key points the filter lets through. */
    private List<String> tagsAsOf(Document theme, long position, CitationFilter filter) {
        List<Document> tags = documents(theme, "tags").stream().filter(tag -> position(tag) < position).toList();
        Map<String, Document> keyPoints = load(KEY_POINTS, tags.stream().map(t -> t.getString("keyPointId")).toList());
        List<String> ids = new ArrayList<>();
        for (Document tag : tags) {
            Document keyPoint = keyPoints.get(tag.getString("keyPointId"));
            if (keyPoint != null && keyPoint.get("position") != null
                    && filter.test(new Document("kind", "KEY_POINT").append("targetId", keyPoint.getString("_id")))) {
                ids.add(tag(theme, keyPoint, position(tag)));
            }
        }
        return ids;
    }

    /** The tag of a key point with a theme, made at {@code position}: its tagging activity used the key point. */
    String tag(Document theme, Document keyPoint, long position) {
        String id = "ct:tag-" + position;
        if (prov.has(id)) {
            return id;
        }
        Document made = null;
        for (Document tag : documents(keyPoint, "tags")) {
            if (position(tag) == position) {
                made = tag;
            }
        }
        String at = made == null ? null : time(made, "at");
        Node node = prov.node(id, Kind.ENTITY);
        node.attributes().put("prov:type", qualified("ct:ThemeTag"));
        if (theme != null) {
            putIfPresent(node, "prov:label", theme.getString("name"));
            node.attributes().put("ct:themeId", theme.getString("_id"));
        }
        node.attributes().put("ct:position", position);
        String tagging = activity("ct:tagging-" + position, "ct:Tagging", at, position);
        prov.link(Relation.GENERATION, id, tagging, at);
        String text = textAsOf(keyPoint, position);
        prov.link(Relation.USAGE, tagging, text);
        prov.link(Relation.DERIVATION, id, text);
        reviewTeamMember(tagging, id, made == null ? null : made.getString("actor"), "ct:tagger");
        return id;
    }

    /** A written idea, attributed to its author by pseudonym (none when anonymous). */
    String idea(Document idea) {
        if (idea == null || idea.get("position") == null) {
            return null;
        }
        long position = position(idea);
        String id = "ct:idea-" + position;
        if (prov.has(id)) {
            return id;
        }
        String author = idea.getString("participantId");
        boolean erased = author != null && ref(author).erased();
        Node node = prov.node(id, Kind.ENTITY);
        node.attributes().put("prov:type", qualified("ct:WrittenIdea"));
        node.attributes().put("ct:ideaId", idea.getString("_id"));
        node.attributes().put("ct:position", position);
        putIfPresent(node, "ct:submittedAt", time(idea, "at"));
        text(node, idea.get("text", Document.class), erased);
        if (author != null) {
            prov.link(Relation.ATTRIBUTION, id, participant(author));
        }
        return id;
    }

    /**
     * Words added in the plenary: generated by their conversation's activity, attributed to the contributor by
     * pseudonym (none when anonymous).
     */
    String contribution(Document contribution) {
        if (contribution == null || contribution.get("position") == null) {
            return null;
        }
        long position = position(contribution);
        String id = "ct:contribution-" + position;
        if (prov.has(id)) {
            return id;
        }
        Node node = contributedWords(id, "ct:PlenaryContribution", contribution);
        node.attributes().put("ct:contributionId", contribution.getString("_id"));
        String conversationId = contribution.getString("conversationId");
        prov.link(Relation.GENERATION, id, conversation(conversationId, one(CONVERSATIONS, conversationId)),
                  time(contribution, "at"));
        return id;
    }

    /** Feedback on a session as a whole, attributed to whoever gave it by pseudonym (none when anonymous). */
    String feedback(Document feedback) {
        if (feedback == null || feedback.get("position") == null) {
            return null;
        }
        String id = "ct:feedback-" + position(feedback);
        if (prov.has(id)) {
            return id;
        }
        Node node = contributedWords(id, "ct:SessionFeedback", feedback);
        node.attributes().put("ct:feedbackId", feedback.getString("_id"));
        putIfPresent(node, "ct:sessionId", feedback.getString("sessionId"));
        node.attributes().put("ct:verbatim", feedback.getBoolean("verbatim", false));
        return id;
    }

    /** An entity of a participant's own words, withheld when they were erased, attributed to them when named. */
    private Node contributedWords(String id, String type, Document words) {
        String contributor = words.getString("contributorId");
        boolean erased = contributor != null && ref(contributor).erased();
        Node node = prov.node(id, Kind.ENTITY);
        node.attributes().put("prov:type", qualified(type));
        node.attributes().put("ct:position", position(words));
        putIfPresent(node, "ct:givenAt", time(words, "at"));
        text(node, words.get("text", Document.class), erased);
        if (contributor != null) {
            prov.link(Relation.ATTRIBUTION, id, participant(contributor));
        }
        return node;
    }

    // ------------------------------------------------------------------------------------------------ agents

    /**
     * A participant as an agent: by pseudonym, named by the position of their registration. Every erased
     * participant is the one agent "an erased participant", so nothing in an export tells two of them apart.
     */
    String participant(String participantId) {
        ParticipantRef ref = ref(participantId);
        if (ref.erased()) {
            Node node = prov.node(ERASED, Kind.AGENT);
            node.attributes().putIfAbsent("prov:type", qualified("prov:Person"));
            node.attributes().putIfAbsent("prov:label", ParticipantDirectory.ERASED_LABEL);
            return ERASED;
        }
        Document registration = one(PARTICIPANTS, participantId);
        Long position = registration == null || registration.get("position") == null ? null
                : registration.get("position", Number.class).longValue();
        String id = position == null ? "ct:participant-" + local(participantId) : "ct:participant-" + position;
        Node node = prov.node(id, Kind.AGENT);
        if (node.attributes().isEmpty()) {
            node.attributes().put("prov:type", qualified("prov:Person"));
            node.attributes().put("prov:label", ref.label());
            node.attributes().put("ct:role", "participant");
            if (position != null) {
                node.attributes().put("ct:position", position);
            }
        }
        return id;
    }

    /** Whoever an event names as having acted: a participant by pseudonym, or a member of staff by user name. */
    String person(String actor) {
        if (actor == null) {
            return null;
        }
        if (registered.computeIfAbsent(actor, id -> directory.entry(id) != null)) {
            return participant(actor);
        }
        String id = "ct:user-" + local(actor);
        Node node = prov.node(id, Kind.AGENT);
        if (node.attributes().isEmpty()) {
            node.attributes().put("prov:type", qualified("prov:Person"));
            node.attributes().put("prov:label", actor);
            node.attributes().put("ct:role", "staff");
        }
        return id;
    }

    /** Tagging, writing and publishing: done by a member of the review team on its behalf (or by the team). */
    private void reviewTeamMember(String activity, String entity, String actor, String role) {
        Node team = prov.node(REVIEW_TEAM, Kind.AGENT);
        team.attributes().putIfAbsent("prov:type", qualified("prov:Organization"));
        team.attributes().putIfAbsent("prov:label", "the review team");
        String member = person(actor);
        if (member == null) {
            prov.associate(activity, REVIEW_TEAM, role);
            prov.link(Relation.ATTRIBUTION, entity, REVIEW_TEAM);
            return;
        }
        prov.associate(activity, member, role);
        prov.link(Relation.ATTRIBUTION, entity, member);
        prov.link(Relation.DELEGATION, member, REVIEW_TEAM);
    }

    private ParticipantRef ref(String participantId) {
        return people.computeIfAbsent(participantId, id -> directory.resolve(List.of(id)).get(id));
    }

    // ------------------------------------------------------------------------------------------------ sealing

    /**
     * Adds to every node made from an event the commit holding it and that commit's chain hash, with whether the
     * commit's bytes still hash to it. One lookup for the whole export.
     */
    void seal(CommitSeals seals) {
        Set<Long> positions = new LinkedHashSet<>();
        for (Node node : prov.nodes()) {
            Object position = node.attributes().get("ct:position");
            if (position instanceof Long p) {
                positions.add(p);
            }
        }
        Map<Long, CommitSeals.Seal> found = seals.of(positions);
        for (Node node : prov.nodes()) {
            Object position = node.attributes().get("ct:position");
            CommitSeals.Seal seal = position instanceof Long p ? found.get(p) : null;
            if (seal != null) {
                node.attributes().put("ct:commit", seal.commit());
                node.attributes().put("ct:chainHash", seal.hash());
                node.attributes().put("ct:chainHashVerified", seal.verified());
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private String activity(String id, String type, String startTime, Long position) {
        Node node = prov.node(id, Kind.ACTIVITY);
        node.attributes().putIfAbsent("prov:type", qualified(type));
        if (startTime != null) {
            node.attributes().putIfAbsent("prov:startTime", startTime);
        }
        if (position != null) {
            node.attributes().putIfAbsent("ct:position", position);
        }
        return id;
    }

    private static Typed qualified(String name) {
        return new Typed(name, "prov:QUALIFIED_NAME");
    }

    private static void putIfPresent(Node node, String name, Object value) {
        if (value != null) {
            node.attributes().put(name, value);
        }
    }

    static long position(Document document) {
        return document.get("position", Number.class).longValue();
    }

    private static String time(Document document, String field) {
        Instant instant = instant(document, field);
        return instant == null ? null : instant.toString();
    }

    /** An id as the local part of a qualified name: letters, digits, '-' and '.' stay, anything else is escaped. */
    static String local(String id) {
        StringBuilder local = new StringBuilder();
        for (char c : id.toCharArray()) {
            if (Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '.') {
                local.append(c);
            } else {
                local.append('_').append(String.format("%04x", (int) c));
            }
        }
        return local.toString();
    }
}
