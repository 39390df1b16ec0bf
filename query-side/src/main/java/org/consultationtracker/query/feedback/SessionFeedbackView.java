package org.consultationtracker.query.feedback;

import org.consultationtracker.query.coverage.CoverageView.Text;
import org.consultationtracker.query.participants.ParticipantDirectory.ParticipantRef;

import java.time.Instant;
import java.util.List;

/** Participants' feedback on a session as the views show it. */
public final class SessionFeedbackView {

    private SessionFeedbackView() {
    }

    /**
     * One feedback and where it is cited.
     *
     * @param number      its place among its session's feedback: 1, 2, 3… in the order given
     * @param contributor the participant who gave it, by pseudonym or as erased; null when anonymous
     * @param text        the words (or that they were withdrawn at erasure, or are held encrypted)
     * @param verbatim    the words are the contributor's own
     * @param citedIn     the report sections whose current draft cites it
     * @param publishedIn every published report version that cites it, and in which section
     */
    public record Feedback(String feedbackId, String consultationId, String sessionId, int number,
                           ParticipantRef contributor, boolean anonymous, Text text, boolean verbatim, Instant at,
                           List<CitingSection> citedIn, List<PublishedCitation> publishedIn) {
    }

    public record CitingSection(String reportId, String reportTitle, String sectionId, int position,
                                String heading) {
    }

    public record PublishedCitation(String reportId, String reportTitle, int version, String sectionId,
                                    int position, String heading, Instant at) {
    }

    /**
     * @param after         the number the page starts after (null: from the first)
     * @param next          the number to ask {@code after} for the next page; null at the end
     * @param totalFeedback how much feedback the session has
     */
    public record Page(String sessionId, List<Feedback> feedback, Integer after, int size, Integer next,
                       int totalFeedback) {
    }
}
