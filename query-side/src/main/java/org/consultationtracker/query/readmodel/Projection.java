package org.consultationtracker.query.readmodel;

/**
 * The logic of one read model: applies an event to the documents it touches through a {@link DocumentSession}. The
 * same logic runs in the live processor, in a rebuild, in "as of" views and in tests; only the session differs.
 * Implementations must derive documents from events alone (no wall-clock time, no randomness) so a rebuild gives
 * identical documents.
 */
public interface Projection {

    ReadModel model();

    void apply(Object payload, EventContext context, DocumentSession session);

    /** The indexes this model's queries need besides {@code _id}; created on every generation (see ReadModelIndexes). */
    default java.util.List<ReadModelIndex> indexes() {
        return java.util.List.of();
    }
}
