package org.consultationtracker.query.provenance;

import org.bson.Document;
import org.consultationtracker.events.agenda.ConversationScheduled;
import org.consultationtracker.events.consultation.SessionFeedbackGiven;
import org.consultationtracker.events.conversation.ConversationStarted;
import org.consultationtracker.events.conversation.ConversationSummarised;
import org.consultationtracker.events.conversation.KeyPointEdited;
import org.consultationtracker.events.conversation.KeyPointRecorded;
import org.consultationtracker.events.conversation.KeyPointRetracted;
import org.consultationtracker.events.conversation.PlenaryContributionRecorded;
import org.consultationtracker.events.ideas.IdeaSubmitted;
import org.consultationtracker.events.participant.ParticipantRegistered;
import org.consultationtracker.events.report.Citation;
import org.consultationtracker.events.report.KeyPointTagged;
import org.consultationtracker.events.report.PublishedSection;
import org.consultationtracker.events.report.ReportPublished;
import org.consultationtracker.events.report.ReportSectionWritten;
import org.consultationtracker.events.report.ReportStarted;
import org.consultationtracker.events.report.ThemeIdentified;
import org.consultationtracker.query.coverage.Words;
import org.consultationtracker.query.readmodel.DocumentSession;
import org.consultationtracker.query.readmodel.EventContext;
import org.consultationtracker.query.readmodel.Projection;
import org.consultationtracker.query.readmodel.ReadModel;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

import static org.consultationtracker.query.readmodel.Docs.addOnce;
import static org.consultationtracker.query.readmodel.Docs.list;
import static org.consultationtracker.query.readmodel.Docs.time;

/**
 * Where every step from the spoken word to a published report version was recorded: the global position of each
 * event (a key point's recording, each edit, a summary, a theme tag, the last write of a section, a publication), with
 * what a W3C PROV export says about it. Words are kept as the events hold them (attributed words encrypted with the
 * speaker's words key, see {@link Words}), so an erasure that destroys the key withdraws them here too.
 *
 * <p>Everything an export needs is found by key: a published version ({@code <reportId>:<version>}) holds its
 * sections with the position of the write each one was published from; a key point, a conversation and a theme list
 * the versions that cite them; a participant lists their key points, ideas, plenary contributions and feedback on
 * sessions. Runs in one sequence: a section write
 * or a publication reads documents of many conversations.
 */
@Component
public class ProvenanceProjection implements Projection {

    static final String KEY_POINTS = "prov_keypoints";
    static final String CONVERSATIONS = "prov_conversations";
    static final String THEMES = "prov_themes";
    static final String SECTIONS = "prov_sections";
    static final String REPORTS = "prov_reports";
    static final String VERSIONS = "prov_versions";
    static final String PARTICIPANTS = "prov_participants";
    static final String IDEAS = "prov_ideas";
    static final String CONTRIBUTIONS = "prov_contributions";
    static final String FEEDBACK = "prov_feedback";

    @Override
    public ReadModel model() {
        return ReadModel.PROVENANCE;
    }

    static String versionId(String reportId, int version) {
        return reportId + ":" + version;
    }

    @Override
    public void apply(Object payload, EventContext context, DocumentSession session) {
        if (payload instanceof KeyPointRecorded e) {
            recorded(e, context, session);
        } else if (payload instanceof KeyPointEdited e) {
            Document keyPoint = session.forUpdate(KEY_POINTS, e.keyPointId(), context);
            if (keyPoint != null) {
                list(keyPoint, "edits").add(step(context).append("at", time(e.occurredAt()))
                                                        .append("by", e.editedBy()).append("reason", e.reason())
                                                        .append("text", Words.stored(e.text())));
            }
        } else if (payload instanceof KeyPointRetracted e) {
            Document keyPoint = session.forUpdate(KEY_POINTS, e.keyPointId(), context);
            if (keyPoint != null) {
                keyPoint.put("retracted", step(context).append("at", time(e.occurredAt()))
                                                       .append("by", e.retractedBy()).append("reason", e.reason()));
            }
        } else if (payload instanceof ConversationScheduled e) {
            conversation(e.conversationId(), context, session);
        } else if (payload instanceof ConversationStarted e) {
            Document conversation = conversation(e.conversationId(), context, session);
            if (conversation != null && conversation.get("started") == null) {
                conversation.append("started", step(context).append("at", time(e.occurredAt()))
                                                             .append("room", e.room()).append("round", e.round()));
            }
        } else if (payload instanceof ConversationSummarised e) {
            Document conversation = conversation(e.conversationId(), context, session);
            if (conversation != null) {
                list(conversation, "summaries").add(
                        step(context).append("at", time(e.occurredAt())).append("by", e.summarisedBy())
                                     .append("text", e.summary())
                                     .append("cited", e.citedKeyPointIds() == null ? new ArrayList<>()
                                             : new ArrayList<>(e.citedKeyPointIds())));
            }
        } else if (payload instanceof ParticipantRegistered e) {
            Document participant = session.forUpdate(PARTICIPANTS, e.participantId(), context);
            if (participant != null) {
                participant.put("position", context.position());
            }
        } else if (payload instanceof IdeaSubmitted e) {
            idea(e, context, session);
        } else if (payload instanceof PlenaryContributionRecorded e) {
            contribution(e, context, session);
        } else if (payload instanceof SessionFeedbackGiven e) {
            feedback(e, context, session);
        } else if (payload instanceof ReportStarted e) {
            Document report = session.forUpdate(REPORTS, e.reportId(), context);
            if (report != null) {
                report.append("title", e.title()).append("position", context.position());
            }
        } else if (payload instanceof ThemeIdentified e) {
            Document theme = session.forUpdate(THEMES, e.themeId(), context);
            if (theme != null) {
                theme.append("reportId", e.reportId()).append("name", e.name()).append("position", context.position());
            }
        } else if (payload instanceof KeyPointTagged e) {
            tagged(e, context, session);
        } else if (payload instanceof ReportSectionWritten e) {
            Document section = session.forUpdate(SECTIONS, e.sectionId(), context);
            if (section != null) {
                section.append("reportId", e.reportId())
                       .append("lastWrite", step(context).append("at", time(e.occurredAt())));
            }
        } else if (payload instanceof ReportPublished e) {
            published(e, context, session);
        }
    }

    /** What every step records: where its event is in the store, who recorded it and when. */
    private static Document step(EventContext context) {
        return new Document("position", context.position()).append("actor", context.actor())
                                                           .append("recordedAt", time(context.recordedAt()));
    }

    private void recorded(KeyPointRecorded e, EventContext context, DocumentSession session) {
        Document keyPoint = session.forUpdate(KEY_POINTS, e.keyPointId(), context);
        if (keyPoint != null) {
            keyPoint.append("conversationId", e.conversationId()).append("position", context.position())
                    .append("kind", e.kind() == null ? null : e.kind().name()).append("verbatim", e.verbatim())
                    .append("attributedTo", e.attributedTo()).append("recordedBy", e.recordedBy())
                    .append("saidAt", time(e.occurredAt())).append("recordedAt", time(context.recordedAt()))
                    .append("original", Words.stored(e.text()));
        }
        Document conversation = conversation(e.conversationId(), context, session);
        if (conversation != null) {
            addOnce(conversation, "keyPointIds", e.keyPointId());
        }
        if (e.attributedTo() != null) {
            Document participant = session.forUpdate(PARTICIPANTS, e.attributedTo(), context);
            if (participant != null) {
                addOnce(participant, "keyPointIds", e.keyPointId());
            }
        }
    }

    /** The conversation's document; the first event seen of it names its activity when it was never started. */
    private static Document conversation(String conversationId, EventContext context, DocumentSession session) {
        Document conversation = session.forUpdate(CONVERSATIONS, conversationId, context);
        if (conversation != null) {
            conversation.putIfAbsent("firstPosition", context.position());
        }
        return conversation;
    }

    private static void idea(IdeaSubmitted e, EventContext context, DocumentSession session) {
        Document idea = session.forUpdate(IDEAS, e.ideaId(), context);
        if (idea != null) {
            idea.append("position", context.position()).append("participantId", e.participantId())
                .append("stakeholderGroupId", e.stakeholderGroupId()).append("at", time(e.occurredAt()))
                .append("recordedAt", time(context.recordedAt())).append("actor", context.actor())
                .append("text", Words.stored(e.text()));
        }
        if (e.participantId() != null) {
            Document participant = session.forUpdate(PARTICIPANTS, e.participantId(), context);
            if (participant != null) {
                addOnce(participant, "ideaIds", e.ideaId());
            }
        }
    }

    /** Words added in the plenary: said in their conversation, so its activity generated them. */
    private static void contribution(PlenaryContributionRecorded e, EventContext context, DocumentSession session) {
        Document contribution = session.forUpdate(CONTRIBUTIONS, e.contributionId(), context);
        if (contribution != null) {
            contribution.append("position", context.position()).append("conversationId", e.conversationId())
                        .append("contributorId", e.contributorId()).append("at", time(e.occurredAt()))
                        .append("text", Words.stored(e.text()));
        }
        conversation(e.conversationId(), context, session);
        contributed(e.contributorId(), "contributionIds", e.contributionId(), context, session);
    }

    /** Feedback on a session as a whole: it belongs to no conversation, so no activity of this model made it. */
    private static void feedback(SessionFeedbackGiven e, EventContext context, DocumentSession session) {
        Document feedback = session.forUpdate(FEEDBACK, e.feedbackId(), context);
        if (feedback != null) {
            feedback.append("position", context.position()).append("sessionId", e.sessionId())
                    .append("contributorId", e.contributorId()).append("verbatim", e.verbatim())
                    .append("at", time(e.occurredAt())).append("text", Words.stored(e.text()));
        }
        contributed(e.contributorId(), "feedbackIds", e.feedbackId(), context, session);
    }

    private static void contributed(String participantId, String field, String id, EventContext context,
                                    DocumentSession session) {
        if (participantId != null) {
            Document participant = session.forUpdate(PARTICIPANTS, participantId, context);
            if (participant != null) {
                addOnce(participant, field, id);
            }
        }
    }

    private static void tagged(KeyPointTagged e, EventContext context, DocumentSession session) {
        Document keyPoint = session.forUpdate(KEY_POINTS, e.keyPointId(), context);
        if (keyPoint != null) {
            list(keyPoint, "tags").add(step(context).append("themeId", e.themeId()).append("reportId", e.reportId())
                                                    .append("at", time(e.occurredAt())));
        }
        Document theme = session.forUpdate(THEMES, e.themeId(), context);
        if (theme != null) {
            list(theme, "tags").add(new Document("keyPointId", e.keyPointId()).append("position", context.position()));
        }
    }

    /**
     * A version keeps each section as published with the write it came from (the section's last write before the
     * publication); every key point, conversation, theme, idea, plenary contribution and feedback it cites learns that this version cites it.
     */
    private static void published(ReportPublished e, EventContext context, DocumentSession session) {
        Document report = session.forUpdate(REPORTS, e.reportId(), context);
        Document previous = null;
        if (report != null) {
            List<Document> versions = list(report, "versions");
            previous = versions.isEmpty() ? null : versions.get(versions.size() - 1);
            versions.add(new Document("version", e.version()).append("position", context.position()));
        }
        List<Document> sections = new ArrayList<>();
        for (PublishedSection published : e.sections() == null ? List.<PublishedSection>of() : e.sections()) {
            Document draft = session.find(SECTIONS, published.sectionId());
            Document write = draft == null ? null : draft.get("lastWrite", Document.class);
            List<Document> citations = new ArrayList<>();
            for (Citation citation : published.citations() == null ? List.<Citation>of() : published.citations()) {
                citations.add(new Document("kind", citation.kind().name()).append("targetId", citation.targetId()));
                cited(citation, e, context, session);
            }
            sections.add(new Document("sectionId", published.sectionId()).append("order", published.position())
                                 .append("heading", published.heading()).append("text", published.text())
                                 .append("citations", citations)
                                 .append("write", write == null ? null : new Document(write)));
        }
        Document version = session.forUpdate(VERSIONS, versionId(e.reportId(), e.version()), context);
        if (version != null) {
            version.append("reportId", e.reportId()).append("version", e.version())
                   .append("at", time(e.occurredAt())).append("changeNote", e.changeNote())
                   .append("publication", step(context))
                   .append("previous", previous == null ? null : new Document(previous))
                   .append("sections", sections);
        }
    }

    private static void cited(Citation citation, ReportPublished e, EventContext context, DocumentSession session) {
        String collection = switch (citation.kind()) {
            case KEY_POINT, QUOTE -> KEY_POINTS;
            case CONVERSATION -> CONVERSATIONS;
            case THEME -> THEMES;
            case IDEA -> IDEAS;
            case PLENARY_CONTRIBUTION -> CONTRIBUTIONS;
            case SESSION_FEEDBACK -> FEEDBACK;
            default -> null; // a kind of citation this export does not follow yet
        };
        if (collection == null) {
            return;
        }
        Document target = session.forUpdate(collection, citation.targetId(), context);
        if (target != null) {
            addOnce(target, "publishedIn", versionId(e.reportId(), e.version()));
        }
    }
}
