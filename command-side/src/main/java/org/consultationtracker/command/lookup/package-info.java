/**
 * Facts the command side needs from more than one aggregate, kept in a small lookup maintained from the events.
 *
 * <p>The rules that span aggregates ("no joining a conversation of a round that is not open", "one room at a time
 * within a round", "citations point at things that exist", "an erased participant can do nothing more") are still
 * checked inside the aggregate's command handler: the handler takes one of these lookups as a parameter (Axon
 * injects the Spring bean), asks it, and rejects the command with its own domain exception. Every read is a key
 * lookup by {@code _id}, which is fast on the embedded MongoDB-compatible server and on a real MongoDB alike.
 *
 * <p>The lookup is an ordered projection of the event store with a checkpoint: {@link
 * org.consultationtracker.command.lookup.LookupCatchUp} applies the stored events in position order through each
 * lookup's {@code Projection}, and is the only writer, a window of events and one bulk write at a time. It runs at
 * start, before every write request's controller (or, for a command sent outside a request, before the command) is
 * judged, and after every command (so the next command sees its facts); a command that cannot be judged on a current
 * lookup fails with {@link org.consultationtracker.command.lookup.LookupUnavailable} and records nothing.
 */
package org.consultationtracker.command.lookup;
