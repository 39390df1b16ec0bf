package org.consultationtracker.events.conversation;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A key point filed under the wrong conversation was moved to the one it was said in. It keeps its id and its whole
 * history (original words, edits, retraction state); from this event on it belongs to {@code toConversationId}. The
 * event is stored in the stream of the conversation it leaves ({@code conversationId}), which owned it until then;
 * {@code movedBy} is the user who moved it.
 */
@Revision("1")
public record KeyPointMoved(String conversationId, String keyPointId, String toConversationId, String reason,
                            String movedBy, Instant occurredAt) {
}
