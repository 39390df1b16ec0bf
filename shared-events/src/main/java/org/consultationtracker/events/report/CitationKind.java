package org.consultationtracker.events.report;

/**
 * What a report section can cite. A QUOTE is a key point recorded verbatim; a PLENARY_CONTRIBUTION is a reaction or
 * added point recorded in the plenary about a conversation ({@code PlenaryContributionRecorded}).
 */
public enum CitationKind {
    KEY_POINT,
    QUOTE,
    CONVERSATION,
    THEME,
    IDEA,
    PLENARY_CONTRIBUTION,
    /** A participant's feedback on a session as a whole ({@code SessionFeedbackGiven}), which is in no conversation. */
    SESSION_FEEDBACK
}
