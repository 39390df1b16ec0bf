package org.consultationtracker.events.report;

/** Why a quote may not be published as it stands: what is missing in its speaker's consent to be quoted. */
public enum ConsentGap {
    /** The speaker never consented to be quoted (or is not known to have). */
    NOT_GIVEN("speaker has not consented to be quoted", true),
    /** The speaker consented and then withdrew it. */
    WITHDRAWN("consent withdrawn", true),
    /** The speaker was erased keeping their words ({@code KEEP_WORDS_DROP_IDENTITY}): nobody is left to ask. */
    SPEAKER_ERASED("speaker erased", true),
    /**
     * The speaker was erased with their words ({@code WITHDRAW_WORDS}): the words no longer exist, so no override can
     * bring them back into a report.
     */
    WORDS_WITHDRAWN("speaker erased and their words withdrawn", false);

    private final String reason;
    private final boolean overridable;

    ConsentGap(String reason, boolean overridable) {
        this.reason = reason;
        this.overridable = overridable;
    }

    /** In plain words, for people. */
    public String reason() {
        return reason;
    }

    /** Whether a recorded override with a reason may publish the quote anyway. */
    public boolean overridable() {
        return overridable;
    }
}
