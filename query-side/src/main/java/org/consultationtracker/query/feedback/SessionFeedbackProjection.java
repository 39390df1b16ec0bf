package org.consultationtracker.query.feedback;

import org.bson.Document;
import org.consultationtracker.events.consultation.SessionFeedbackGiven;
import org.consultationtracker.events.report.Citation;
import org.consultationtracker.events.report.CitationKind;
import org.consultationtracker.events.report.PublishedSection;
import org.consultationtracker.events.report.ReportPublished;
import org.consultationtracker.events.report.ReportSectionWritten;
import org.consultationtracker.events.report.ReportStarted;
import org.consultationtracker.query.coverage.Words;
import org.consultationtracker.query.readmodel.Docs;
import org.consultationtracker.query.readmodel.DocumentSession;
import org.consultationtracker.query.readmodel.EventContext;
import org.consultationtracker.query.readmodel.Projection;
import org.consultationtracker.query.readmodel.ReadModel;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.consultationtracker.query.readmodel.Docs.time;

/**
 * Participants' feedback on a session as a whole, and where reports cite it.
 * <ul>
 *   <li>{@value #FEEDBACK}: one document per feedback — session, contributor (an id; the label is the participant
 *       directory's), the words as stored (encrypted ones stay encrypted, see {@link Words}), verbatim, when, its
 *       number within its session, the draft sections citing it now ({@code citedIn}) and the published versions
 *       that cite it ({@code publishedIn});</li>
 *   <li>{@value #SESSIONS}: per session, its feedback ids in the order given, so a session's list pages by number;</li>
 *   <li>{@value #SECTIONS}: per report section, the feedback its current draft cites, so a rewrite takes the
 *       section off the feedback it no longer cites;</li>
 *   <li>{@value #REPORTS}: report titles;</li>
 *   <li>{@value #CONTRIBUTORS}: per named contributor, their feedback ids in the order given, so their own voice
 *       trail finds it by key.</li>
 * </ul>
 * Documents are changed by events of different streams (feedback, reports), so the model is processed in one
 * sequence (query-side.yml), in stream order, and a rebuild writes the same documents.
 */
@Component
public class SessionFeedbackProjection implements Projection {

    static final String FEEDBACK = "session_feedback";
    static final String SESSIONS = "session_feedback_sessions";
    static final String SECTIONS = "session_feedback_sections";
    static final String REPORTS = "session_feedback_reports";
    static final String CONTRIBUTORS = "session_feedback_contributors";

    @Override
    public ReadModel model() {
        return ReadModel.SESSION_FEEDBACK;
    }

    @Override
    public void apply(Object payload, EventContext context, DocumentSession session) {
        if (payload instanceof SessionFeedbackGiven e) {
            given(e, context, session);
        } else if (payload instanceof ReportStarted e) {
            Document report = session.forUpdate(REPORTS, e.reportId(), context);
            if (report != null) {
                report.append("title", e.title()).append("consultationId", e.consultationId());
            }
        } else if (payload instanceof ReportSectionWritten e) {
            written(e, context, session);
        } else if (payload instanceof ReportPublished e) {
            for (PublishedSection section : e.sections()) {
                for (String feedbackId : feedbackCited(section.citations())) {
                    Document feedback = session.forUpdate(FEEDBACK, feedbackId, context);
                    if (feedback != null) {
                        Docs.list(feedback, "publishedIn").add(new Document("reportId", e.reportId())
                                .append("version", e.version()).append("sectionId", section.sectionId())
                                .append("position", section.position()).append("heading", section.heading())
                                .append("at", time(e.occurredAt())));
                    }
                }
            }
        }
    }

    private static void given(SessionFeedbackGiven e, EventContext context, DocumentSession session) {
        Document list = session.forUpdate(SESSIONS, e.sessionId(), context);
        if (list != null) {
            Docs.addOnce(list, "feedbackIds", e.feedbackId());
        }
        Document current = list != null ? list : session.find(SESSIONS, e.sessionId());
        int number = current == null ? 0 : Docs.strings(current, "feedbackIds").indexOf(e.feedbackId()) + 1;
        Document feedback = session.forUpdate(FEEDBACK, e.feedbackId(), context);
        if (feedback != null) {
            feedback.append("consultationId", e.consultationId()).append("sessionId", e.sessionId())
                    .append("number", number).append("contributorId", e.contributorId())
                    .append("text", Words.stored(e.text())).append("verbatim", e.verbatim())
                    .append("at", time(e.occurredAt()));
            feedback.putIfAbsent("citedIn", new ArrayList<>());
            feedback.putIfAbsent("publishedIn", new ArrayList<>());
        }
        if (e.contributorId() != null) {
            Document own = session.forUpdate(CONTRIBUTORS, e.contributorId(), context);
            if (own != null) {
                Docs.addOnce(own, "feedbackIds", e.feedbackId());
            }
        }
    }

    /** The section's draft cites what it cites now: it leaves the feedback it dropped, joins the feedback it added. */
    private static void written(ReportSectionWritten e, EventContext context, DocumentSession session) {
        Set<String> now = feedbackCited(e.citations());
        Document known = session.find(SECTIONS, e.sectionId());
        Set<String> before = known == null ? Set.of() : new LinkedHashSet<>(Docs.strings(known, "feedbackIds"));
        if (now.isEmpty() && before.isEmpty()) {
            return; // a section that never cited feedback: nothing here to keep
        }
        Document section = session.forUpdate(SECTIONS, e.sectionId(), context);
        if (section != null) {
            section.append("reportId", e.reportId()).append("feedbackIds", new ArrayList<>(now));
        }
        Set<String> touched = new LinkedHashSet<>(before);
        touched.addAll(now);
        for (String feedbackId : touched) {
            Document feedback = session.forUpdate(FEEDBACK, feedbackId, context);
            if (feedback == null) {
                continue;
            }
            List<Document> citedIn = Docs.list(feedback, "citedIn");
            citedIn.removeIf(cited -> e.sectionId().equals(cited.getString("sectionId")));
            if (now.contains(feedbackId)) {
                citedIn.add(new Document("reportId", e.reportId()).append("sectionId", e.sectionId())
                                    .append("position", e.position()).append("heading", e.heading()));
            }
        }
    }

    private static Set<String> feedbackCited(List<Citation> citations) {
        Set<String> ids = new LinkedHashSet<>();
        for (Citation citation : citations == null ? List.<Citation>of() : citations) {
            if (citation.kind() == CitationKind.SESSION_FEEDBACK) {
                ids.add(citation.targetId());
            }
        }
        return ids;
    }
}
