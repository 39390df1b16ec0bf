package org.consultationtracker.eventstore.verify;

/**
 * One place the stored history does not verify: the position, the aggregate if any (the aggregate whose link broke,
 * or, for a break in a commit's own content, the commit's aggregate when it touches exactly one), a machine-readable
 * kind, and a human reason.
 */
public record ChainBreak(long position, String aggregateId, Kind kind, String reason) {

    /** What is wrong at a position. Every kind is a break: the verifier exits non-zero for any of them. */
    public enum Kind {
        /** The commit's bytes no longer hash to its stored hash: it was edited. */
        EDITED,
        /** The commit has no hash (or one that is not a string). */
        MISSING_HASH,
        /** The commit's events no longer match its positions or its stream keys: removed, added or reordered. */
        EVENTS_CHANGED,
        /** The commit's positions are not consecutive from its first position. */
        POSITIONS_REORDERED,
        /** An aggregate's commit does not continue the sequence of its previous commit: one was deleted or moved. */
        SEQUENCE_GAP,
        /** An aggregate's commit names a previous hash other than the one stored: that commit was altered or replaced. */
        LINK_MISMATCH,
        /** The first commit of an aggregate in the store does not start its history: the earlier ones are missing. */
        HISTORY_START_MISSING,
        /** An allocated position holds neither a commit nor a void marker: a commit was deleted. */
        POSITION_EMPTY,
        /**
         * A commit written before hash scheme 2 that holds U+FFFD and no longer matches its hash. It cannot be told
         * from an edit, but is most likely text with a lone UTF-16 surrogate that the store replaced when it was
         * written, while the hash was computed over the text as given.
         */
        LEGACY_ENCODING,
        /** The commit names a hash scheme this verifier does not know. */
        UNKNOWN_HASH_SCHEME,
        /** The document at the position cannot be read as a commit (a field is missing or has the wrong type). */
        MALFORMED
    }

    @Override
    public String toString() {
        return kind + " at position " + position + (aggregateId == null ? "" : " (aggregate " + aggregateId + ")")
                + ": " + reason;
    }
}
