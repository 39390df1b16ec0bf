/**
 * The published language shared by the command side and the query side: events (Java records, past tense,
 * immutable, carrying ids rather than objects) and the few value types they use. No logic and no Spring here.
 * Every event has {@code occurredAt}: when it happened in the room, which may be earlier than when it was stored.
 * Who did it (actor, role) travels in the event's metadata, not in its payload.
 */
package org.consultationtracker.events;
