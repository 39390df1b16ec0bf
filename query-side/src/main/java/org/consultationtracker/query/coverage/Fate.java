package org.consultationtracker.query.coverage;

/**
 * Where a key point ended up, most final first: a point both summarised and cited counts as cited. This is the one
 * definition every view reads (coverage, the audit trails, the voice trail, the voice flow, the report): each asks
 * {@link KeyPointFates}, which decides by this order.
 * <ul>
 *   <li>{@link #RETRACTED}: withdrawn from the record, whatever cites it.</li>
 *   <li>{@link #CITED}: a report section cites it on its own ({@code KEY_POINT} or {@code QUOTE}) or through a theme it
 *       is tagged with.</li>
 *   <li>{@link #CITED_WITH_CONVERSATION}: no section cites it on its own, but one cites its whole conversation
 *       ({@code CONVERSATION}); the point stands behind that section as part of the conversation.</li>
 *   <li>{@link #SUMMARISED}: the conversation's current summary takes it up, and no section cites it.</li>
 *   <li>{@link #NOT_YET_HANDLED}: none of the above.</li>
 * </ul>
 * Written ideas and plenary contributions are not retracted or summarised: they are {@link #CITED} (a section cites
 * them) or {@link #NOT_YET_HANDLED}; a plenary contribution is also {@link #CITED_WITH_CONVERSATION} when a section
 * cites the conversation it was said about.
 */
public enum Fate {
    RETRACTED, CITED, CITED_WITH_CONVERSATION, SUMMARISED, NOT_YET_HANDLED
}
