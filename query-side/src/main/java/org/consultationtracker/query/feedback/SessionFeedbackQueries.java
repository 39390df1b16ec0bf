package org.consultationtracker.query.feedback;

import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.consultationtracker.query.coverage.Words;
import org.consultationtracker.query.feedback.SessionFeedbackView.CitingSection;
import org.consultationtracker.query.feedback.SessionFeedbackView.Feedback;
import org.consultationtracker.query.feedback.SessionFeedbackView.Page;
import org.consultationtracker.query.feedback.SessionFeedbackView.PublishedCitation;
import org.consultationtracker.query.participants.ParticipantDirectory;
import org.consultationtracker.query.participants.ParticipantDirectory.ParticipantRef;
import org.consultationtracker.query.readmodel.Docs;
import org.consultationtracker.query.readmodel.InvalidFilter;
import org.consultationtracker.query.readmodel.ModelCollection;
import org.consultationtracker.query.readmodel.ReadModel;
import org.consultationtracker.query.readmodel.ReadModelStore;
import org.consultationtracker.query.readmodel.UnknownId;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.consultationtracker.query.readmodel.Docs.instant;

/** Participants' feedback on a session: one by id with where it is cited, or a session's, a page at a time. */
@Service
public class SessionFeedbackQueries {

    public static final int DEFAULT_PAGE_SIZE = 100;
    public static final int MAX_PAGE_SIZE = 500;

    private static final ModelCollection FEEDBACK =
            ModelCollection.of(ReadModel.SESSION_FEEDBACK, SessionFeedbackProjection.FEEDBACK);
    private static final ModelCollection SESSIONS =
            ModelCollection.of(ReadModel.SESSION_FEEDBACK, SessionFeedbackProjection.SESSIONS);
    private static final ModelCollection REPORTS =
            ModelCollection.of(ReadModel.SESSION_FEEDBACK, SessionFeedbackProjection.REPORTS);
    private static final ModelCollection CONTRIBUTORS =
            ModelCollection.of(ReadModel.SESSION_FEEDBACK, SessionFeedbackProjection.CONTRIBUTORS);

    public record FindFeedback(String feedbackId) {
    }

    /** @param after a feedback number (a page's {@code next}); null for the first page */
    public record ListSessionFeedback(String sessionId, Integer after, int size) {
    }

    private final ReadModelStore store;
    private final ParticipantDirectory directory;
    private final Words words;

    public SessionFeedbackQueries(ReadModelStore store, ParticipantDirectory directory, Words words) {
        this.store = store;
        this.directory = directory;
        this.words = words;
    }

    @QueryHandler
    public Feedback handle(FindFeedback query) {
        Document feedback = store.find(FEEDBACK, query.feedbackId());
        if (feedback == null || feedback.getString("sessionId") == null) {
            throw new UnknownId("session feedback", query.feedbackId());
        }
        return views(List.of(feedback)).get(0);
    }

    /** A session without feedback has an empty list: feedback may simply not have been given (yet). */
    @QueryHandler
    public Page handle(ListSessionFeedback query) {
        if (query.after() != null && query.after() < 0) {
            throw new InvalidFilter("after", "must be a feedback number, 0 or more (the 'next' of the previous page)");
        }
        if (query.size() < 1 || query.size() > MAX_PAGE_SIZE) {
            throw new InvalidFilter("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        Document session = store.find(SESSIONS, query.sessionId());
        List<String> ids = session == null ? List.of() : Docs.strings(session, "feedbackIds");
        int from = query.after() == null ? 0 : Math.min(query.after(), ids.size());
        int to = Math.min(from + query.size(), ids.size());
        List<String> pageIds = ids.subList(from, to);
        Map<String, Document> found = store.findAll(FEEDBACK, pageIds);
        List<Document> documents = pageIds.stream().map(found::get).filter(Objects::nonNull).toList();
        return new Page(query.sessionId(), views(documents), query.after(), query.size(),
                        to < ids.size() ? to : null, ids.size());
    }

    /**
     * The feedback a named participant gave, in the order given, for their own voice trail: their words (withdrawn
     * after an erasure that withdrew them) and where reports cite it. Anonymous feedback is nobody's, so it is never
     * here. Key lookups only: the contributor's list of ids, then the feedback.
     */
    public List<Feedback> byContributor(String contributorId) {
        Document own = store.find(CONTRIBUTORS, contributorId);
        return own == null ? List.of() : byIds(Docs.strings(own, "feedbackIds"));
    }

    /**
     * The feedback with the given ids that has been given, in that order (others are left out): one lookup for all,
     * then the contributors and report titles in one go each.
     */
    public List<Feedback> byIds(Collection<String> feedbackIds) {
        Map<String, Document> found = store.findAll(FEEDBACK, feedbackIds);
        return views(feedbackIds.stream().map(found::get)
                                .filter(feedback -> feedback != null && feedback.getString("sessionId") != null)
                                .toList());
    }

    /** The views of the documents, with contributors and report titles looked up in one go each. */
    private List<Feedback> views(List<Document> documents) {
        Set<String> contributors = new LinkedHashSet<>();
        Set<String> reports = new LinkedHashSet<>();
        for (Document feedback : documents) {
            if (feedback.getString("contributorId") != null) {
                contributors.add(feedback.getString("contributorId"));
            }
            Docs.documents(feedback, "citedIn").forEach(c -> reports.add(c.getString("reportId")));
            Docs.documents(feedback, "publishedIn").forEach(c -> reports.add(c.getString("reportId")));
        }
        Map<String, ParticipantRef> refs = directory.resolve(contributors);
        Map<String, Document> titles = store.findAll(REPORTS, reports);
        List<Feedback> views = new ArrayList<>();
        for (Document feedback : documents) {
            String contributorId = feedback.getString("contributorId");
            List<CitingSection> citedIn = new ArrayList<>();
            for (Document cited : Docs.documents(feedback, "citedIn")) {
                citedIn.add(new CitingSection(cited.getString("reportId"), title(titles, cited),
                                              cited.getString("sectionId"), cited.getInteger("position", 0),
                                              cited.getString("heading")));
            }
            List<PublishedCitation> publishedIn = new ArrayList<>();
            for (Document published : Docs.documents(feedback, "publishedIn")) {
                publishedIn.add(new PublishedCitation(published.getString("reportId"), title(titles, published),
                                                      published.getInteger("version", 0),
                                                      published.getString("sectionId"),
                                                      published.getInteger("position", 0),
                                                      published.getString("heading"), instant(published, "at")));
            }
            views.add(new Feedback(feedback.getString("_id"), feedback.getString("consultationId"),
                                   feedback.getString("sessionId"), feedback.getInteger("number", 0),
                                   contributorId == null ? null : refs.get(contributorId), contributorId == null,
                                   words.show(feedback.get("text", Document.class)),
                                   feedback.getBoolean("verbatim", false), instant(feedback, "at"), citedIn,
                                   publishedIn));
        }
        return views;
    }

    private static String title(Map<String, Document> titles, Document citation) {
        Document report = titles.get(citation.getString("reportId"));
        return report == null ? null : report.getString("title");
    }
}
