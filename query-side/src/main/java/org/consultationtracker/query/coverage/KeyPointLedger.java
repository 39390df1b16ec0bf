package org.consultationtracker.query.coverage;

import org.bson.Document;
import org.consultationtracker.events.Wording;
import org.consultationtracker.events.agenda.ConversationMoved;
import org.consultationtracker.events.agenda.ConversationScheduled;
import org.consultationtracker.events.conversation.ConversationStarted;
import org.consultationtracker.events.conversation.ConversationSummarised;
import org.consultationtracker.events.conversation.KeyPointEdited;
import org.consultationtracker.events.conversation.KeyPointMoved;
import org.consultationtracker.events.conversation.KeyPointRecorded;
import org.consultationtracker.events.conversation.KeyPointRetracted;
import org.consultationtracker.events.conversation.PlenaryContributionRecorded;
import org.consultationtracker.events.ideas.IdeaSubmitted;
import org.consultationtracker.events.conversation.PlenarySummaryRecorded;
import org.consultationtracker.events.participant.ContributionPolicy;
import org.consultationtracker.events.participant.ParticipantErased;
import org.consultationtracker.events.report.Citation;
import org.consultationtracker.events.report.CitationKind;
import org.consultationtracker.events.report.KeyPointTagged;
import org.consultationtracker.events.report.PublishedSection;
import org.consultationtracker.events.report.ReportPublished;
import org.consultationtracker.events.report.ReportSectionWritten;
import org.consultationtracker.events.report.ReportStarted;
import org.consultationtracker.events.report.ThemeIdentified;
import org.consultationtracker.query.readmodel.DocumentSession;
import org.consultationtracker.query.readmodel.EventContext;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.consultationtracker.query.readmodel.Docs.addOnce;
import static org.consultationtracker.query.readmodel.Docs.documents;
import static org.consultationtracker.query.readmodel.Docs.list;
import static org.consultationtracker.query.readmodel.Docs.strings;
import static org.consultationtracker.query.readmodel.Docs.time;

/**
 * What happened to every key point: its original words, each edit, retraction, the summary that took it up, the
 * themes it was tagged with and the report sections citing it. Shared by the coverage and audit-trail read models,
 * each writing into its own collections ({@code <prefix>_keypoints}, {@code _conversations}, {@code _sections},
 * {@code _themes}, {@code _participants}, {@code _agendas}, {@code _report_outlines}, {@code _consultation_reports},
 * {@code _cited_ideas}, {@code _contributions}). Runs in one sequence: a section write changes key points of many conversations. Citations
 * are those of the current draft of each section; a section published in a version records that version (the
 * published text itself stays in its {@code ReportPublished} event).
 * <p>
 * Every question asked of the ledger is answered by key: a conversation lists its key points and the sections citing
 * it as a whole, an agenda its conversations, a key point its themes and the sections citing it, a theme its key
 * points and the sections citing it, a report its sections and themes, a consultation its reports, a written idea the
 * sections citing it, a plenary contribution its words and the sections citing it (a conversation lists its plenary
 * contributions). Queries follow these lists instead of scanning a collection.
 */
public final class KeyPointLedger {

    private final String keyPoints;
    private final String conversations;
    private final String sections;
    private final String themes;
    private final String participants;
    private final String agendas;
    private final String reportOutlines;
    private final String consultationReports;
    private final String citedIdeas;
    private final String contributions;

    public KeyPointLedger(String prefix) {
        this.keyPoints = prefix + "_keypoints";
        this.conversations = prefix + "_conversations";
        this.sections = prefix + "_sections";
        this.themes = prefix + "_themes";
        this.participants = prefix + "_participants";
        this.agendas = prefix + "_agendas";
        this.reportOutlines = prefix + "_report_outlines";
        this.consultationReports = prefix + "_consultation_reports";
        this.citedIdeas = prefix + "_cited_ideas";
        this.contributions = prefix + "_contributions";
    }

    /** The collections this ledger writes, for its read model's list of collections. */
    public List<String> collections() {
        return List.of(keyPoints, conversations, sections, themes, participants, agendas, reportOutlines,
                       consultationReports, citedIdeas, contributions);
    }

    /**
     * Per agenda (session): {@code conversationIds} in the order they were first scheduled or started there, and
     * {@code ideaIds} submitted to it (a call-for-ideas session) in the order they came.
     */
    public String agendas() {
        return agendas;
    }

    /** Per report: {@code consultationId}, {@code title}, {@code sectionIds} and {@code themeIds} in first-seen order. */
    public String reportOutlines() {
        return reportOutlines;
    }

    /** Per consultation: {@code reportIds} in the order the reports were started. */
    public String consultationReports() {
        return consultationReports;
    }

    /**
     * Per written idea: {@code sessionId}, {@code consultationId}, {@code participantId} (null when anonymous),
     * {@code stakeholderGroupId}, {@code text} (as stored), {@code at}, and {@code citedInSections}. A session's
     * document in {@link #agendas()} lists the ideas submitted to it in {@code ideaIds}. (Named for the citations it
     * first held; a section may cite an idea id this ledger has not seen, whose document then holds only them.)
     */
    public String citedIdeas() {
        return citedIdeas;
    }

    /**
     * Per plenary contribution: {@code conversationId}, {@code contributorId} (null when anonymous), {@code text} (as
     * stored), {@code at} and {@code citedInSections}. A conversation lists its own in {@code contributionIds}.
     */
    public String contributions() {
        return contributions;
    }

    public String keyPoints() {
        return keyPoints;
    }

    public String conversations() {
        return conversations;
    }

    public String sections() {
        return sections;
    }

    public String themes() {
        return themes;
    }

    public String participants() {
        return participants;
    }

    public void apply(Object payload, EventContext context, DocumentSession session) {
        if (payload instanceof KeyPointRecorded e) {
            Document keyPoint = session.forUpdate(keyPoints, e.keyPointId(), context);
            if (keyPoint != null) {
                keyPoint.append("conversationId", e.conversationId()).append("kind", e.kind().name())
                        .append("verbatim", e.verbatim()).append("attributedTo", e.attributedTo())
                        .append("recordedBy", e.recordedBy()).append("saidAt", time(e.occurredAt()))
                        .append("recordedAt", time(context.recordedAt())).append("original", wording(e.text()));
            }
            Document conversation = session.forUpdate(conversations, e.conversationId(), context);
            if (conversation != null) {
                addOnce(conversation, "keyPointIds", e.keyPointId());
            }
            if (e.attributedTo() != null) {
                Document participant = session.forUpdate(participants, e.attributedTo(), context);
                if (participant != null) {
                    addOnce(participant, "keyPointIds", e.keyPointId());
                }
            }
        } else if (payload instanceof KeyPointEdited e) {
            Document keyPoint = session.forUpdate(keyPoints, e.keyPointId(), context);
            if (keyPoint != null) {
                list(keyPoint, "edits").add(new Document("text", wording(e.text())).append("reason", e.reason())
                                                    .append("editedBy", e.editedBy())
                                                    .append("at", time(e.occurredAt())));
            }
        } else if (payload instanceof KeyPointRetracted e) {
            Document keyPoint = session.forUpdate(keyPoints, e.keyPointId(), context);
            if (keyPoint != null) {
                keyPoint.put("retracted", new Document("reason", e.reason()).append("by", e.retractedBy())
                                                  .append("at", time(e.occurredAt())));
            }
        } else if (payload instanceof KeyPointMoved e) {
            move(e, context, session);
        } else if (payload instanceof ConversationSummarised e) {
            summarise(e, context, session);
        } else if (payload instanceof ConversationScheduled e) {
            Document conversation = session.forUpdate(conversations, e.conversationId(), context);
            if (conversation != null) {
                conversation.append("agendaId", e.agendaId()).append("round", e.round()).append("room", e.room())
                            .append("question", wording(e.question()))
                            .append("hostIds", e.hostIds() == null ? new ArrayList<>() : new ArrayList<>(e.hostIds()));
            }
            listInAgenda(e.agendaId(), e.conversationId(), context, session);
        } else if (payload instanceof ConversationMoved e) {
            Document conversation = session.forUpdate(conversations, e.conversationId(), context);
            if (conversation != null) {
                conversation.append("agendaId", e.agendaId()).append("round", e.toRound()).append("room", e.toRoom());
            }
            listInAgenda(e.agendaId(), e.conversationId(), context, session);
        } else if (payload instanceof ConversationStarted e) {
            Document conversation = session.forUpdate(conversations, e.conversationId(), context);
            if (conversation != null) {
                conversation.append("agendaId", e.agendaId()).append("round", e.round()).append("room", e.room());
                if (e.hostId() != null) {
                    addOnce(conversation, "hostIds", e.hostId());
                }
            }
            listInAgenda(e.agendaId(), e.conversationId(), context, session);
        } else if (payload instanceof PlenarySummaryRecorded e) {
            Document conversation = session.forUpdate(conversations, e.conversationId(), context);
            if (conversation != null) {
                conversation.put("plenarySummary", new Document("text", e.summary())
                        .append("presentedBy", e.presentedBy()).append("round", e.round())
                        .append("at", time(e.occurredAt())));
            }
        } else if (payload instanceof PlenaryContributionRecorded e) {
            Document contribution = session.forUpdate(contributions, e.contributionId(), context);
            if (contribution != null) {
                contribution.append("conversationId", e.conversationId()).append("contributorId", e.contributorId())
                            .append("text", wording(e.text())).append("at", time(e.occurredAt()));
            }
            Document conversation = session.forUpdate(conversations, e.conversationId(), context);
            if (conversation != null) {
                addOnce(conversation, "contributionIds", e.contributionId());
            }
            if (e.contributorId() != null) {
                Document participant = session.forUpdate(participants, e.contributorId(), context);
                if (participant != null) {
                    addOnce(participant, "contributionIds", e.contributionId());
                }
            }
        } else if (payload instanceof IdeaSubmitted e) {
            Document idea = session.forUpdate(citedIdeas, e.ideaId(), context);
            if (idea != null) {
                idea.append("sessionId", e.sessionId()).append("consultationId", e.consultationId())
                    .append("participantId", e.participantId()).append("stakeholderGroupId", e.stakeholderGroupId())
                    .append("text", wording(e.text())).append("at", time(e.occurredAt()));
            }
            if (e.sessionId() != null) {
                Document agenda = session.forUpdate(agendas, e.sessionId(), context);
                if (agenda != null) {
                    addOnce(agenda, "ideaIds", e.ideaId());
                }
            }
            if (e.participantId() != null) {
                Document participant = session.forUpdate(participants, e.participantId(), context);
                if (participant != null) {
                    addOnce(participant, "ideaIds", e.ideaId());
                }
            }
        } else if (payload instanceof ThemeIdentified e) {
            Document theme = session.forUpdate(themes, e.themeId(), context);
            if (theme != null) {
                theme.append("reportId", e.reportId()).append("name", e.name()).append("description", e.description());
            }
            Document outline = session.forUpdate(reportOutlines, e.reportId(), context);
            if (outline != null) {
                addOnce(outline, "themeIds", e.themeId());
            }
        } else if (payload instanceof ReportStarted e) {
            Document outline = session.forUpdate(reportOutlines, e.reportId(), context);
            if (outline != null) {
                outline.append("consultationId", e.consultationId()).append("title", e.title())
                       .append("startedAt", time(e.occurredAt()));
            }
            if (e.consultationId() != null) {
                Document consultation = session.forUpdate(consultationReports, e.consultationId(), context);
                if (consultation != null) {
                    addOnce(consultation, "reportIds", e.reportId());
                }
            }
        } else if (payload instanceof KeyPointTagged e) {
            Document theme = session.forUpdate(themes, e.themeId(), context);
            if (theme != null) {
                addOnce(theme, "keyPointIds", e.keyPointId());
            }
            Document keyPoint = session.forUpdate(keyPoints, e.keyPointId(), context);
            if (keyPoint != null) {
                addOnce(keyPoint, "themeIds", e.themeId());
            }
        } else if (payload instanceof ReportSectionWritten e) {
            writeSection(e, context, session);
        } else if (payload instanceof ReportPublished e) {
            for (PublishedSection published : e.sections()) {
                Document section = session.forUpdate(sections, published.sectionId(), context);
                if (section != null) {
                    section.putIfAbsent("reportId", e.reportId());
                    addOnce(section, "publishedVersions", e.version());
                }
            }
        } else if (payload instanceof ParticipantErased e) {
            Document participant = session.forUpdate(participants, e.participantId(), context);
            if (participant != null) {
                participant.append("erased", true).append("contributionPolicy", e.contributionPolicy().name());
            }
            if (e.contributionPolicy() == ContributionPolicy.WITHDRAW_WORDS) {
                // Even when the participant's document already holds the erasure (a batch that stopped between
                // writing it and writing the key points): each key point takes the withdrawal once.
                Document current = participant != null ? participant : session.find(participants, e.participantId());
                if (current != null) {
                    withdrawWords(strings(current, "keyPointIds"), context, session);
                    withdrawText(contributions, strings(current, "contributionIds"), context, session);
                    withdrawText(citedIdeas, strings(current, "ideaIds"), context, session);
                }
            }
        }
    }

    /**
     * A key point filed under the wrong conversation now belongs to another: it leaves the first one's list and joins
     * the target's, keeps its id, words, edits and fate, and remembers the move (from, to, why, who, when) for its trail.
     * Each document skips the event when it holds it already, so a batch applied again finishes the move.
     */
    private void move(KeyPointMoved e, EventContext context, DocumentSession session) {
        Document keyPoint = session.forUpdate(keyPoints, e.keyPointId(), context);
        if (keyPoint != null) {
            keyPoint.put("conversationId", e.toConversationId());
            list(keyPoint, "moves").add(new Document("from", e.conversationId()).append("to", e.toConversationId())
                                                .append("reason", e.reason()).append("by", e.movedBy())
                                                .append("at", time(e.occurredAt())));
        }
        Document from = session.forUpdate(conversations, e.conversationId(), context);
        if (from != null) {
            list(from, "keyPointIds").remove(e.keyPointId());
            list(from, "movedOut").add(new Document("keyPointId", e.keyPointId()).append("to", e.toConversationId())
                                               .append("reason", e.reason()).append("at", time(e.occurredAt())));
        }
        Document to = session.forUpdate(conversations, e.toConversationId(), context);
        if (to != null) {
            addOnce(to, "keyPointIds", e.keyPointId());
        }
    }

    private void summarise(ConversationSummarised e, EventContext context, DocumentSession session) {
        Document conversation = session.forUpdate(conversations, e.conversationId(), context);
        if (conversation == null) {
            return;
        }
        Document previous = conversation.get("summary", Document.class);
        Set<String> cited = new LinkedHashSet<>(e.citedKeyPointIds() == null ? List.of() : e.citedKeyPointIds());
        if (previous != null) {
            for (String keyPointId : strings(previous, "citedKeyPointIds")) {
                if (!cited.contains(keyPointId)) {
                    Document keyPoint = session.forUpdate(keyPoints, keyPointId, context);
                    if (keyPoint != null) {
                        keyPoint.remove("summarisedIn"); // a later summary supersedes the earlier one
                    }
                }
            }
        }
        conversation.put("summary", new Document("text", e.summary()).append("by", e.summarisedBy())
                                             .append("at", time(e.occurredAt()))
                                             .append("citedKeyPointIds", new ArrayList<>(cited)));
        for (String keyPointId : cited) {
            Document keyPoint = session.forUpdate(keyPoints, keyPointId, context);
            if (keyPoint != null) {
                keyPoint.put("summarisedIn", new Document("conversationId", e.conversationId())
                        .append("at", time(e.occurredAt())));
            }
        }
    }

    private void writeSection(ReportSectionWritten e, EventContext context, DocumentSession session) {
        Document section = session.forUpdate(sections, e.sectionId(), context);
        if (section == null) {
            return;
        }
        List<Document> previous = documents(section, "citations");
        List<Document> citations = new ArrayList<>();
        for (Citation citation : e.citations() == null ? List.<Citation>of() : e.citations()) {
            citations.add(new Document("kind", citation.kind().name()).append("targetId", citation.targetId()));
        }
        section.append("reportId", e.reportId()).append("position", e.position()).append("heading", e.heading())
               .append("text", e.text()).append("citations", citations).append("writtenAt", time(e.occurredAt()));
        Document outline = session.forUpdate(reportOutlines, e.reportId(), context);
        if (outline != null) {
            addOnce(outline, "sectionIds", e.sectionId());
        }
        // Each cited thing remembers the sections citing it, so a fate is read by key rather than by scanning sections.
        recite(keyPoints, "citedInSections", cited(previous, CitationKind.KEY_POINT, CitationKind.QUOTE),
               cited(citations, CitationKind.KEY_POINT, CitationKind.QUOTE), e.sectionId(), context, session);
        recite(conversations, "citingSectionIds", cited(previous, CitationKind.CONVERSATION),
               cited(citations, CitationKind.CONVERSATION), e.sectionId(), context, session);
        recite(themes, "citingSectionIds", cited(previous, CitationKind.THEME), cited(citations, CitationKind.THEME),
               e.sectionId(), context, session);
        recite(citedIdeas, "citedInSections", cited(previous, CitationKind.IDEA), cited(citations, CitationKind.IDEA),
               e.sectionId(), context, session);
        recite(contributions, "citedInSections", cited(previous, CitationKind.PLENARY_CONTRIBUTION),
               cited(citations, CitationKind.PLENARY_CONTRIBUTION), e.sectionId(), context, session);
    }

    /** Moves a section's citation from the targets it no longer cites ({@code before}) to those it cites now. */
    private static void recite(String collection, String field, Set<String> before, Set<String> after,
                               String sectionId, EventContext context, DocumentSession session) {
        for (String targetId : before) {
            if (!after.contains(targetId)) {
                Document target = session.forUpdate(collection, targetId, context);
                if (target != null) {
                    list(target, field).remove(sectionId);
                }
            }
        }
        for (String targetId : after) {
            Document target = session.forUpdate(collection, targetId, context);
            if (target != null) {
                addOnce(target, field, sectionId);
            }
        }
    }

    private void listInAgenda(String agendaId, String conversationId, EventContext context,
                              DocumentSession session) {
        if (agendaId == null) {
            return;
        }
        Document agenda = session.forUpdate(agendas, agendaId, context);
        if (agenda != null) {
            addOnce(agenda, "conversationIds", conversationId);
        }
    }

    private static Set<String> cited(List<Document> citations, CitationKind... kinds) {
        Set<String> names = new LinkedHashSet<>();
        for (CitationKind kind : kinds) {
            names.add(kind.name());
        }
        Set<String> ids = new LinkedHashSet<>();
        for (Document citation : citations) {
            if (names.contains(citation.getString("kind"))) {
                ids.add(citation.getString("targetId"));
            }
        }
        return ids;
    }

    private void withdrawWords(List<String> keyPointIds, EventContext context, DocumentSession session) {
        for (String keyPointId : keyPointIds) {
            Document keyPoint = session.forUpdate(keyPoints, keyPointId, context);
            if (keyPoint != null) {
                keyPoint.put("original", withdrawn());
                for (Document edit : documents(keyPoint, "edits")) {
                    edit.put("text", withdrawn());
                }
                keyPoint.put("wordsWithdrawn", true);
            }
        }
    }

    /** Withdraws the words of a plenary contribution or an idea (each kept as structure, with its fate). */
    private static void withdrawText(String collection, List<String> ids, EventContext context,
                                     DocumentSession session) {
        for (String id : ids) {
            Document said = session.forUpdate(collection, id, context);
            if (said != null) {
                said.put("text", withdrawn());
            }
        }
    }

    private static Document withdrawn() {
        return new Document("withdrawn", true);
    }

    /** Words as the read models keep them: see {@link Words#stored}. */
    public static Document wording(Wording wording) {
        return Words.stored(wording);
    }
}
