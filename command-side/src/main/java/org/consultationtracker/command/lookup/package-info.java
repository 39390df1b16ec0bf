/**
 * Facts the command side needs from more than one aggregate, kept in a small lookup maintained from the events.
 *
 * <p>The rules that span aggregates ("no joining a conversation of a round that is not open", "one room at a time
 * within a round", "citations point at things that exist", "an erased participant can do nothing more") are still
 * checked inside the aggregate's command handler: the handler takes one of these lookups as a parameter (Axon
 * injects the Spring bean), asks it, and rejects the command with its own domain exception. The lookups are written
 * by a <em>subscribing</em> event processor, i.e. in the same unit of work that appended the events, right after the
 * append; so when a command returns, the next command already sees its effect. Every read is a key lookup by
 * {@code _id}, which is fast on the embedded MongoDB-compatible server and on a real MongoDB alike.
 */
package org.consultationtracker.command.lookup;
