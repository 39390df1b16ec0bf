package org.consultationtracker.events.report;

/** What a report section can cite. A QUOTE is a key point recorded verbatim. */
public enum CitationKind {
    KEY_POINT,
    QUOTE,
    CONVERSATION,
    THEME,
    IDEA,
    /** A participant's feedback on a session as a whole ({@code SessionFeedbackGiven}), which is in no conversation. */
    SESSION_FEEDBACK
}
