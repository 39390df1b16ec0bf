package org.consultationtracker.query.report;

import org.bson.Document;
import org.consultationtracker.query.audittrail.AuditTrailQueries;
import org.consultationtracker.query.audittrail.AuditTrailView;
import org.consultationtracker.query.coverage.CoverageView.KeyPointCoverage;
import org.consultationtracker.query.coverage.KeyPointFates;
import org.consultationtracker.query.coverage.Words;
import org.consultationtracker.query.feedback.SessionFeedbackQueries;
import org.consultationtracker.query.feedback.SessionFeedbackView;
import org.consultationtracker.query.participants.ParticipantDirectory;
import org.consultationtracker.query.report.ReportView.CitationRef;
import org.consultationtracker.query.report.ReportView.ContributedWords;
import org.consultationtracker.query.report.ReportView.ConversationWords;
import org.consultationtracker.query.report.ReportView.Edit;
import org.consultationtracker.query.report.ReportView.Footnote;
import org.consultationtracker.query.report.ReportView.Group;
import org.consultationtracker.query.report.ReportView.IdeaWords;
import org.consultationtracker.query.report.ReportView.KeyPointWords;
import org.consultationtracker.query.report.ReportView.Retraction;
import org.consultationtracker.query.report.ReportView.Summary;
import org.consultationtracker.query.report.ReportView.ThemeWords;
import org.consultationtracker.query.report.Snapshot.SnapshotSection;
import org.consultationtracker.query.report.Snapshot.ThemeAsTagged;
import org.consultationtracker.query.security.CurrentReader;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.consultationtracker.query.readmodel.Docs.documents;
import static org.consultationtracker.query.readmodel.Docs.instant;
import static org.consultationtracker.query.readmodel.Docs.strings;

/**
 * The words behind a snapshot's citations, read through the packages that own them: key points (original beside
 * every edit, speaker, groups, conversation, retraction) and conversations from the coverage model's key-point ledger
 * ({@link KeyPointFates}, whose {@link Words} open attributed words only now and show withdrawn words as withdrawn),
 * written ideas from the audit trail, plenary contributions from the coverage model, feedback on a session from the
 * session-feedback model, stakeholder group names from the participant directory. Everything is loaded
 * by key, in a few round trips for the whole snapshot.
 */
final class Evidence {

    static final String ANONYMOUS = "anonymous";

    private final Map<String, KeyPointWords> keyPoints = new LinkedHashMap<>();
    /** Per key point, the voice it is counted as: its speaker's id, or the key point itself when anonymous. */
    private final Map<String, String> voiceOf = new LinkedHashMap<>();
    private final Map<String, ConversationWords> conversations = new LinkedHashMap<>();
    private final Map<String, IdeaWords> ideas = new LinkedHashMap<>();
    private final Map<String, ContributedWords> contributed = new LinkedHashMap<>();
    private final Map<String, ThemeAsTagged> themes;
    private final Map<String, String> groupNames = new LinkedHashMap<>();

    private Evidence(Map<String, ThemeAsTagged> themes) {
        this.themes = themes;
    }

    static Evidence load(Snapshot snapshot, KeyPointFates fates, ParticipantDirectory directory,
                         AuditTrailQueries trails, SessionFeedbackQueries feedback, Words words) {
        Evidence evidence = new Evidence(snapshot.themes());
        Set<String> keyPointIds = new LinkedHashSet<>();
        Set<String> conversationIds = new LinkedHashSet<>();
        Set<String> ideaIds = new LinkedHashSet<>();
        Set<String> contributionIds = new LinkedHashSet<>();
        Set<String> feedbackIds = new LinkedHashSet<>();
        for (SnapshotSection section : snapshot.sections()) {
            for (CitationRef citation : section.citations()) {
                switch (citation.kind()) {
                    case "KEY_POINT", "QUOTE" -> keyPointIds.add(citation.targetId());
                    case "CONVERSATION" -> conversationIds.add(citation.targetId());
                    case "THEME" -> {
                        ThemeAsTagged theme = snapshot.themes().get(citation.targetId());
                        if (theme != null) {
                            keyPointIds.addAll(theme.keyPointIds());
                        }
                    }
                    case "IDEA" -> ideaIds.add(citation.targetId());
                    case "PLENARY_CONTRIBUTION" -> contributionIds.add(citation.targetId());
                    case "SESSION_FEEDBACK" -> feedbackIds.add(citation.targetId());
                    default -> {
                    }
                }
            }
        }
        Map<String, Document> conversationDocs = new LinkedHashMap<>(fates.conversations(conversationIds));
        // a conversation cited as a whole stands for its summary, which holds the words of the key points it cites
        conversationDocs.values().forEach(conversation -> {
            Document summary = conversation.get("summary", Document.class);
            if (summary != null) {
                keyPointIds.addAll(strings(summary, "citedKeyPointIds"));
            }
        });
        List<Document> keyPointDocs = fates.keyPointDocuments(keyPointIds);
        Set<String> moreConversations = new LinkedHashSet<>();
        keyPointDocs.forEach(keyPoint -> moreConversations.add(keyPoint.getString("conversationId")));
        moreConversations.removeAll(conversationDocs.keySet());
        moreConversations.remove(null);
        conversationDocs.putAll(fates.conversations(moreConversations));

        Map<String, KeyPointCoverage> covered = new LinkedHashMap<>();
        fates.of(keyPointDocs).forEach(fate -> covered.put(fate.keyPointId(), fate));
        List<AuditTrailView.Idea> ideaViews = trails.ideasById(ideaIds);
        Set<String> groupIds = new LinkedHashSet<>();
        covered.values().forEach(fate -> groupIds.addAll(fate.stakeholderGroupIds()));
        ideaViews.forEach(idea -> {
            if (idea.stakeholderGroupId() != null) {
                groupIds.add(idea.stakeholderGroupId());
            }
        });
        List<KeyPointFates.ContributionFate> contributions = fates.contributionFates(contributionIds);
        contributions.forEach(contribution -> groupIds.addAll(contribution.stakeholderGroupIds()));
        groupIds.remove(ANONYMOUS);
        evidence.groupNames.putAll(directory.groupNames(groupIds));
        for (KeyPointFates.ContributionFate contribution : contributions) {
            evidence.contributed.put("PLENARY_CONTRIBUTION:" + contribution.contributionId(), new ContributedWords(
                    "PLENARY_CONTRIBUTION", contribution.contributionId(), "added in the plenary", contribution.voice(),
                    evidence.groups(contribution.stakeholderGroupIds()), contribution.conversationId(), null,
                    contribution.text(), false, contribution.at()));
        }
        // feedback cited but not (yet) in the session-feedback model is left out: its footnote says so
        for (SessionFeedbackView.Feedback given : feedback.byIds(feedbackIds)) {
            evidence.contributed.put("SESSION_FEEDBACK:" + given.feedbackId(), new ContributedWords(
                    "SESSION_FEEDBACK", given.feedbackId(), "feedback on the session",
                    given.contributor() == null ? null : given.contributor().label(), List.of(), null,
                    given.sessionId(), given.text(), given.verbatim(), given.at()));
        }

        conversationDocs.forEach((id, conversation) -> {
            if (KeyPointFates.known(conversation)) {
                Document summary = conversation.get("summary", Document.class);
                evidence.conversations.put(id, new ConversationWords(
                        id, words.say(conversation.get("question")), conversation.getInteger("round"),
                        conversation.getString("room"), summary == null ? null
                        : new Summary(summary.getString("text"), summary.getString("by"), instant(summary, "at"),
                                      strings(summary, "citedKeyPointIds"))));
            }
        });
        boolean identifyAnonymous = CurrentReader.mayIdentifyAnonymousContributors();
        for (Document keyPoint : keyPointDocs) {
            KeyPointCoverage fate = covered.get(keyPoint.getString("_id"));
            if (fate == null) {
                continue;
            }
            String speakerId = keyPoint.getString("attributedTo");
            // who edited or retracted a point nobody is named for could be its speaker: admins only
            boolean showUsers = speakerId != null || identifyAnonymous;
            List<Edit> edits = new ArrayList<>();
            for (Document edit : documents(keyPoint, "edits")) {
                edits.add(new Edit(fates.text(edit.get("text", Document.class)), edit.getString("reason"),
                                   showUsers ? edit.getString("editedBy") : null, instant(edit, "at")));
            }
            Document retracted = keyPoint.get("retracted", Document.class);
            ConversationWords conversation = evidence.conversations.get(fate.conversationId());
            evidence.keyPoints.put(fate.keyPointId(), new KeyPointWords(
                    fate.keyPointId(), fate.kind(), fate.verbatim(), fate.voice(),
                    evidence.groups(fate.stakeholderGroupIds()), fate.conversationId(),
                    conversation == null ? null : conversation.title(), fate.saidAt(),
                    fates.text(keyPoint.get("original", Document.class)), edits, fate.text(),
                    retracted == null ? null : new Retraction(retracted.getString("reason"),
                                                              showUsers ? retracted.getString("by") : null,
                                                              instant(retracted, "at"))));
            evidence.voiceOf.put(fate.keyPointId(), speakerId != null ? speakerId : ANONYMOUS + ":" + fate.keyPointId());
        }
        for (AuditTrailView.Idea idea : ideaViews) {
            String group = idea.stakeholderGroupId();
            evidence.ideas.put(idea.ideaId(), new IdeaWords(idea.ideaId(), group == null ? null
                    : new Group(group, evidence.groupNames.getOrDefault(group, group)), idea.text(), idea.at()));
        }
        return evidence;
    }

    List<Group> groups(Collection<String> ids) {
        List<Group> groups = new ArrayList<>();
        for (String id : ids) {
            groups.add(new Group(id, ANONYMOUS.equals(id) ? ANONYMOUS : groupNames.getOrDefault(id, id)));
        }
        return groups;
    }

    Map<String, String> groupNames() {
        return groupNames;
    }

    KeyPointWords keyPoint(String id) {
        return keyPoints.get(id);
    }

    String voiceOf(String keyPointId) {
        return voiceOf.get(keyPointId);
    }

    ConversationWords conversation(String id) {
        return conversations.get(id);
    }

    IdeaWords idea(String id) {
        return ideas.get(id);
    }

    /** Per contribution or feedback, the voice it is counted as: its speaker's pseudonym, or itself when anonymous. */
    static String voiceOf(ContributedWords words) {
        return words.voice() != null ? "named:" + words.voice() : words.kind() + ":" + words.id();
    }

    /** A citation resolved to the words behind it, numbered {@code number} in the document. */
    Footnote footnote(int number, String sectionId, CitationRef citation) {
        String target = citation.targetId();
        return switch (citation.kind()) {
            case "KEY_POINT", "QUOTE" -> new Footnote(number, sectionId, citation.number(), citation.kind(), target,
                    citation.wholeSection(), keyPoints.containsKey(target), keyPoints.get(target), null, null, null, null);
            case "CONVERSATION" -> new Footnote(number, sectionId, citation.number(), citation.kind(), target,
                    citation.wholeSection(), conversations.containsKey(target), null, conversations.get(target),
                    null, null, null);
            case "THEME" -> {
                ThemeAsTagged theme = themes.get(target);
                ThemeWords words = theme == null ? null : new ThemeWords(target, theme.name(), theme.description(),
                        theme.keyPointIds().stream().map(keyPoints::get).filter(java.util.Objects::nonNull).toList());
                yield new Footnote(number, sectionId, citation.number(), citation.kind(), target,
                                   citation.wholeSection(), theme != null && theme.name() != null, null, null, words,
                                   null, null);
            }
            case "IDEA" -> new Footnote(number, sectionId, citation.number(), citation.kind(), target,
                    citation.wholeSection(), ideas.containsKey(target), null, null, null, ideas.get(target), null);
            case "PLENARY_CONTRIBUTION", "SESSION_FEEDBACK" -> {
                ContributedWords words = contributed.get(citation.kind() + ":" + target);
                yield new Footnote(number, sectionId, citation.number(), citation.kind(), target,
                                   citation.wholeSection(), words != null, null, null, null, null, words);
            }
            default -> new Footnote(number, sectionId, citation.number(), citation.kind(), target,
                                    citation.wholeSection(), false, null, null, null, null, null);
        };
    }

    /** The key points whose words stand behind a footnote, each with how it got there. */
    List<ReportView.TracedWords> behind(Footnote footnote) {
        List<ReportView.TracedWords> words = new ArrayList<>();
        if (footnote.keyPoint() != null) {
            words.add(new ReportView.TracedWords(footnote.number(),
                                                 footnote.kind().equals("QUOTE") ? "quoted" : "cited",
                                                 footnote.keyPoint(), null, null));
        } else if (footnote.theme() != null) {
            for (KeyPointWords keyPoint : footnote.theme().taggedPoints()) {
                words.add(new ReportView.TracedWords(footnote.number(), "theme " + footnote.theme().name(),
                                                     keyPoint, null, null));
            }
        } else if (footnote.conversation() != null && footnote.conversation().summary() != null) {
            for (String keyPointId : footnote.conversation().summary().citedKeyPointIds()) {
                KeyPointWords keyPoint = keyPoints.get(keyPointId);
                if (keyPoint != null) {
                    words.add(new ReportView.TracedWords(footnote.number(), "summary of conversation "
                            + footnote.conversation().conversationId(), keyPoint, null, null));
                }
            }
        } else if (footnote.idea() != null) {
            words.add(new ReportView.TracedWords(footnote.number(), "written idea", null, footnote.idea(), null));
        } else if (footnote.contributed() != null) {
            words.add(new ReportView.TracedWords(footnote.number(), footnote.contributed().label(), null, null,
                                                 footnote.contributed()));
        }
        return words;
    }
}
