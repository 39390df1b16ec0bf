package org.consultationtracker.query.provenance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.consultationtracker.eventstore.verify.CommitSeals;
import org.consultationtracker.query.coverage.Words;
import org.consultationtracker.query.participants.ParticipantDirectory;
import org.consultationtracker.query.readmodel.ModelCollection;
import org.consultationtracker.query.readmodel.ReadModel;
import org.consultationtracker.query.readmodel.ReadModelStore;
import org.consultationtracker.query.readmodel.UnknownId;
import org.consultationtracker.query.security.CurrentReader;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.consultationtracker.query.provenance.ProvenanceProjection.CONTRIBUTIONS;
import static org.consultationtracker.query.provenance.ProvenanceProjection.CONVERSATIONS;
import static org.consultationtracker.query.provenance.ProvenanceProjection.FEEDBACK;
import static org.consultationtracker.query.provenance.ProvenanceProjection.IDEAS;
import static org.consultationtracker.query.provenance.ProvenanceProjection.KEY_POINTS;
import static org.consultationtracker.query.provenance.ProvenanceProjection.PARTICIPANTS;
import static org.consultationtracker.query.provenance.ProvenanceProjection.REPORTS;
import static org.consultationtracker.query.provenance.ProvenanceProjection.THEMES;
import static org.consultationtracker.query.provenance.ProvenanceProjection.VERSIONS;
import static org.consultationtracker.query.provenance.ProvenanceProjection.versionId;
import static org.consultationtracker.query.readmodel.Docs.documents;
import static org.consultationtracker.query.readmodel.Docs.strings;

/**
 * W3C PROV exports of a published report version, of one section of it, and of one participant's contributions
 * (see {@link ProvenanceGraph} for what each holds and what never appears). Each reads what it exports, by key, and
 * the chain hashes of the commits behind it in one lookup.
 */
@Service
public class ProvenanceQueries {

    private final ReadModelStore store;
    private final ParticipantDirectory directory;
    private final Words words;
    private final CommitSeals seals;

    public ProvenanceQueries(ReadModelStore store, ParticipantDirectory directory, Words words,
                             MongoDatabase database) {
        this.store = store;
        this.directory = directory;
        this.words = words;
        this.seals = new CommitSeals(database);
    }

    /** Everything behind a published version: every section, and every voice each cites. */
    public ObjectNode version(String reportId, int version, ProvenanceFormat format) {
        ProvenanceGraph graph = graph();
        Document published = published(graph, reportId, version);
        graph.version(published, title(graph, reportId), section -> true, ProvenanceGraph.CitationFilter.ALL);
        return write(graph, format);
    }

    /** One section of a published version, with the version it belongs to. */
    public ObjectNode section(String reportId, int version, String sectionId, ProvenanceFormat format) {
        ProvenanceGraph graph = graph();
        Document published = published(graph, reportId, version);
        boolean held = documents(published, "sections").stream()
                                                      .anyMatch(s -> sectionId.equals(s.getString("sectionId")));
        if (!held) {
            throw new UnknownId("section of version " + version + " of report " + reportId, sectionId);
        }
        graph.version(published, title(graph, reportId), section -> sectionId.equals(section.getString("sectionId")),
                      ProvenanceGraph.CitationFilter.ALL);
        return write(graph, format);
    }

    /**
     * One participant's contributions and where they went: their key points (original words and every edit), the
     * summaries and theme tags taken from them, their written ideas, what they added in plenaries, their feedback on
     * sessions, and each published section citing any of these (directly, through its conversation as a whole or
     * through a theme), following only their own contributions.
     */
    public ObjectNode participant(String participantId, ProvenanceFormat format) {
        ProvenanceGraph graph = graph();
        Document participant = graph.one(PARTICIPANTS, participantId);
        if (participant == null && directory.entry(participantId) == null) {
            throw new UnknownId("participant", participantId);
        }
        List<String> keyPointIds = participant == null ? List.of() : strings(participant, "keyPointIds");
        List<String> ideaIds = participant == null ? List.of() : strings(participant, "ideaIds");
        Map<String, Document> keyPoints = graph.load(KEY_POINTS, keyPointIds);
        Set<String> conversationIds = new LinkedHashSet<>();
        Set<String> themeIds = new LinkedHashSet<>();
        keyPoints.values().forEach(keyPoint -> {
            conversationIds.add(keyPoint.getString("conversationId"));
            documents(keyPoint, "tags").forEach(tag -> themeIds.add(tag.getString("themeId")));
        });
        Map<String, Document> conversations = graph.load(CONVERSATIONS, conversationIds);
        Map<String, Document> themes = graph.load(THEMES, themeIds);
        Set<String> own = new HashSet<>(keyPoints.keySet());
        Set<String> versionIds = new LinkedHashSet<>();
        for (Document keyPoint : keyPoints.values()) {
            if (keyPoint.get("position") == null) {
                continue;
            }
            graph.keyPoint(keyPoint);
            versionIds.addAll(strings(keyPoint, "publishedIn"));
            for (Document tag : documents(keyPoint, "tags")) {
                graph.tag(themes.get(tag.getString("themeId")), keyPoint, ProvenanceGraph.position(tag));
            }
        }
        for (Map.Entry<String, Document> conversation : conversations.entrySet()) {
            versionIds.addAll(strings(conversation.getValue(), "publishedIn"));
            for (Document summary : documents(conversation.getValue(), "summaries")) {
                if (strings(summary, "cited").stream().anyMatch(own::contains)) {
                    graph.summary(conversation.getKey(), conversation.getValue(), summary,
                                  keyPoint -> own.contains(keyPoint.getString("_id")));
                }
            }
        }
        themes.values().forEach(theme -> versionIds.addAll(strings(theme, "publishedIn")));
        Map<String, Document> ideas = graph.load(IDEAS, ideaIds);
        for (Document idea : ideas.values()) {
            graph.idea(idea);
            versionIds.addAll(strings(idea, "publishedIn"));
        }
        Map<String, Document> contributions = graph.load(CONTRIBUTIONS, participant == null ? List.of()
                : strings(participant, "contributionIds"));
        for (Document contribution : contributions.values()) {
            graph.contribution(contribution);
            versionIds.addAll(strings(contribution, "publishedIn"));
        }
        Map<String, Document> feedback = graph.load(FEEDBACK, participant == null ? List.of()
                : strings(participant, "feedbackIds"));
        for (Document given : feedback.values()) {
            graph.feedback(given);
            versionIds.addAll(strings(given, "publishedIn"));
        }
        ProvenanceGraph.CitationFilter theirs = new ProvenanceGraph.CitationFilter() {
            @Override
            public boolean test(Document citation) {
                String target = citation.getString("targetId");
                return switch (citation.getString("kind")) {
                    case "KEY_POINT", "QUOTE" -> own.contains(target);
                    case "CONVERSATION" -> conversations.containsKey(target);
                    case "THEME" -> themes.containsKey(target);
                    case "IDEA" -> ideas.containsKey(target);
                    case "PLENARY_CONTRIBUTION" -> contributions.containsKey(target);
                    case "SESSION_FEEDBACK" -> feedback.containsKey(target);
                    default -> false;
                };
            }

            @Override
            public boolean followsKeyPoint(Document keyPoint) {
                return own.contains(keyPoint.getString("_id"));
            }
        };
        for (Document version : graph.load(VERSIONS, versionIds).values()) {
            String reportId = version.getString("reportId");
            graph.version(version, title(graph, reportId),
                          section -> documents(section, "citations").stream().anyMatch(theirs), theirs);
        }
        graph.participant(participantId);
        return write(graph, format);
    }

    private ProvenanceGraph graph() {
        return new ProvenanceGraph(this::findAll, directory, words, CurrentReader.mayIdentifyAnonymousContributors());
    }

    private Map<String, Document> findAll(String collection, Collection<String> ids) {
        return store.findAll(ModelCollection.of(ReadModel.PROVENANCE, collection), new ArrayList<>(ids));
    }

    private static Document published(ProvenanceGraph graph, String reportId, int version) {
        Document published = graph.one(VERSIONS, versionId(reportId, version));
        if (published != null && published.get("publication") != null) {
            return published;
        }
        if (graph.one(REPORTS, reportId) == null) {
            throw new UnknownId("report", reportId);
        }
        throw new UnknownId("published version of report " + reportId, String.valueOf(version));
    }

    private static String title(ProvenanceGraph graph, String reportId) {
        Document report = graph.one(REPORTS, reportId);
        return report == null ? null : report.getString("title");
    }

    private ObjectNode write(ProvenanceGraph graph, ProvenanceFormat format) {
        graph.seal(seals);
        return format == ProvenanceFormat.PROV_O ? ProvOJsonLd.write(graph.document())
                : ProvJson.write(graph.document());
    }
}
