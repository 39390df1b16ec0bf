package org.consultationtracker.eventstore.engine;

/**
 * Field and index names of the stored documents. One place, because the engine, the verifier, the benchmarks and the
 * documentation (docs/operations.md, "Storage layout") must agree on them.
 *
 * <pre>
 * commits   {_id: first position, positions: [p..], streamKeys: ["aggregateId#seq", ..] (domain events only),
 *            chain: [{aggregateId, aggregateType, firstSequence, lastSequence, previousHash}],
 *            events: [{eventId, aggregateType, aggregateId, sequence, timestamp, payloadType, payloadRevision,
 *                      payload: {..}, metadata: {..}}],
 *            committedAt, hashScheme: 2, hash}
 *            (a commit without hashScheme was written under scheme 1, see {@link CommitHasher})
 *            or a void marker {_id: p, positions: [p], void: true, sealedAt, reason} for a gap sealed after timeout
 * snapshots {_id: aggregateId, aggregateType, sequence, eventId, timestamp, payloadType, payloadRevision, payload, metadata}
 * sequences {_id: "global", last: highest allocated position}
 * </pre>
 */
public final class CommitLayout {

    /** Default collection names (the engine's builder can change them). */
    public static final String COMMITS_COLLECTION = "commits";
    public static final String SNAPSHOTS_COLLECTION = "snapshots";
    public static final String SEQUENCES_COLLECTION = "sequences";

    public static final String ID = "_id";
    public static final String POSITIONS = "positions";
    public static final String STREAM_KEYS = "streamKeys";
    public static final String CHAIN = "chain";
    public static final String EVENTS = "events";
    public static final String COMMITTED_AT = "committedAt";
    public static final String HASH = "hash";
    public static final String HASH_SCHEME = "hashScheme";
    public static final String VOID = "void";
    public static final String SEALED_AT = "sealedAt";
    public static final String REASON = "reason";

    public static final String AGGREGATE_ID = "aggregateId";
    public static final String AGGREGATE_TYPE = "aggregateType";
    public static final String FIRST_SEQUENCE = "firstSequence";
    public static final String LAST_SEQUENCE = "lastSequence";
    public static final String PREVIOUS_HASH = "previousHash";

    public static final String EVENT_ID = "eventId";
    public static final String SEQUENCE = "sequence";
    public static final String TIMESTAMP = "timestamp";
    public static final String PAYLOAD_TYPE = "payloadType";
    public static final String PAYLOAD_REVISION = "payloadRevision";
    public static final String PAYLOAD = "payload";
    public static final String METADATA = "metadata";

    public static final String COUNTER_ID = "global";
    public static final String COUNTER_LAST = "last";

    public static final String POSITIONS_INDEX = "unique_positions";
    public static final String STREAM_KEYS_INDEX = "unique_stream_keys";

    private CommitLayout() {
    }

    /** The unique key claimed by one domain event: an aggregate can hold each sequence number once. */
    public static String streamKey(String aggregateId, long sequence) {
        return aggregateId + "#" + sequence;
    }
}
