package org.consultationtracker.events.report;

/**
 * A quote published although its speaker's consent to be quoted was missing, on the decision of the person who
 * published (the event's {@code actor}), for the reason they gave. Recorded per quoted key point and per version: a new
 * version carries only the overrides given when it was published.
 *
 * @param citationTargetId the key point quoted
 * @param speakerId        the participant quoted
 * @param gap              what was missing at publication
 * @param reason           why it is published anyway, in the publisher's words
 */
public record ConsentOverride(String citationTargetId, String speakerId, ConsentGap gap, String reason) {
}
