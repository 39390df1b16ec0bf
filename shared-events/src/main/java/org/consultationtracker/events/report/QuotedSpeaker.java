package org.consultationtracker.events.report;

import java.util.function.Function;

/**
 * The one definition of "a report section quotes someone", used wherever consent to be quoted is checked or shown.
 *
 * <p>A citation quotes a person when it is a {@link CitationKind#QUOTE} (the section reproduces a key point recorded
 * verbatim) and that key point is attributed to a participant. Nothing else counts:
 * <ul>
 *   <li>an anonymous key point (no {@code attributedTo}) is nobody's quote: there is no one to ask;</li>
 *   <li>{@link CitationKind#KEY_POINT} cites a point as evidence, in the report's own words, even when the point was
 *       recorded verbatim; {@code CONVERSATION} and {@code THEME} cite collections of points the same way;</li>
 *   <li>{@link CitationKind#IDEA} cites a written idea as evidence; like {@code KEY_POINT} it does not claim to
 *       reproduce the words (there is no citation kind that quotes an idea);</li>
 *   <li>{@link CitationKind#SESSION_FEEDBACK} cites a participant's feedback on a session the same way, as
 *       evidence;</li>
 *   <li>plenary contributions cannot be cited at all.</li>
 * </ul>
 * Whether the quoted person consents is a separate question, answered by each side from its own record of consents.
 */
public final class QuotedSpeaker {

    private QuotedSpeaker() {
    }

    /**
     * @param speakerOfKeyPoint the participant a key point is attributed to, or null when it is anonymous or unknown
     * @return the participant the citation quotes, or null when it quotes nobody
     */
    public static String of(Citation citation, Function<String, String> speakerOfKeyPoint) {
        if (citation == null || citation.kind() != CitationKind.QUOTE) {
            return null;
        }
        return speakerOfKeyPoint.apply(citation.targetId());
    }
}
