package org.consultationtracker.eventstore.engine;

import org.bson.BsonBinaryReader;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.BsonSerializationException;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * SHA-256 over a commit exactly as stored. The document carries the hashes of the previous commits of its
 * aggregates, so editing, deleting or reordering any stored event breaks a link. Encrypted personal data is hashed in
 * its encrypted form, so crypto-shredding (deleting a key outside the store) never breaks the chain.
 *
 * <p><b>Scheme 2</b> ({@code hashScheme: 2}): the hash is the SHA-256 of the exact bytes inserted, the commit's BSON
 * encoding without its hash element; the hash element is then appended to those bytes, so the stored document is
 * byte for byte what was hashed plus the hash. Before hashing, {@link #seal} checks that the bytes survive a decode
 * and re-encode, which is what every reader (the server included) does with them; text that would not (a lone
 * UTF-16 surrogate, which the BSON writer encodes as bytes that are not UTF-8) is refused instead of stored.
 *
 * <p><b>Scheme 1</b> (commits without {@code hashScheme}): the SHA-256 of the BSON encoding of the in-memory
 * document without its hash ({@link #schemeOneHash}). For every text that has a UTF-8 encoding those are the same
 * bytes the store holds, so {@link #hashOfStored} verifies such commits unchanged; for a lone surrogate the hash was
 * computed over bytes the store never held.
 */
public final class CommitHasher {

    /** The scheme the engine writes. */
    public static final int SCHEME = 2;
    /** The scheme of commits stored without a {@code hashScheme} field. */
    public static final int LEGACY_SCHEME = 1;

    private static final BsonDocumentCodec CODEC = new BsonDocumentCodec();
    private static final EncoderContext ENCODING = EncoderContext.builder().build();
    private static final byte[] HASH_NAME = CommitLayout.HASH.getBytes(StandardCharsets.UTF_8);
    private static final HexFormat HEX = HexFormat.of();

    private CommitHasher() {
    }

    /** A commit ready to insert: the bytes that were hashed, followed by the hash element. */
    record Sealed(RawBsonDocument document, String hash) {
    }

    /** The content would not be stored as encoded; {@code field} is its dotted path, or null if not found. */
    static final class NotStorable extends RuntimeException {

        private final String field;
        private final String problem;

        NotStorable(String field, String problem) {
            super(field == null ? problem : field + " " + problem, null, false, false);
            this.field = field;
            this.problem = problem;
        }

        String field() {
            return field;
        }

        String problem() {
            return problem;
        }
    }

    /**
     * Encodes a commit (without hash) once, checks that the bytes read back as they are, hashes exactly those bytes
     * and appends the hash element to them.
     *
     * @throws NotStorable if the content has no exact BSON encoding
     */
    static Sealed seal(BsonDocument content) {
        BasicOutputBuffer encoded = new BasicOutputBuffer();
        try {
            CODEC.encode(new BsonBinaryWriter(encoded), content, ENCODING);
        } catch (BsonSerializationException e) {
            throw located(content, "cannot be encoded as BSON (" + e.getMessage() + ")");
        }
        byte[] bytes = encoded.getInternalBuffer();
        int length = encoded.getPosition();
        // Decoding is what every reader does; the encoding is deterministic, so a document that decodes to what was
        // encoded re-encodes to the same bytes. Comparing values spares encoding it a second time on every append.
        BsonDocument readBack = new RawBsonDocument(bytes, 0, length).decode(CODEC);
        if (!readBack.equals(content)) {
            throw located(content, "would not be read back as written (it decodes to something else)");
        }
        MessageDigest digest = sha256();
        digest.update(bytes, 0, length);
        String hash = HEX.formatHex(digest.digest());
        return new Sealed(new RawBsonDocument(withHashElement(bytes, length, hash)), hash);
    }

    /**
     * The hash of a stored commit: the SHA-256 of its bytes with every top-level {@code hash} element cut out at
     * byte level (and the length prefix reduced accordingly), without decoding anything else.
     */
    public static String hashOfStored(RawBsonDocument commit) {
        ByteBuffer bytes = commit.getByteBuffer().asNIO();
        int start = bytes.position();
        int end = bytes.limit();
        List<int[]> hashElements = new ArrayList<>(1);
        int removed = 0;
        try (BsonBinaryReader reader = new BsonBinaryReader(bytes.duplicate())) {
            reader.readStartDocument();
            while (true) {
                int elementStart = reader.getBsonInput().getPosition();
                if (reader.readBsonType() == BsonType.END_OF_DOCUMENT) {
                    break;
                }
                String name = reader.readName();
                reader.skipValue();
                if (CommitLayout.HASH.equals(name)) {
                    int elementEnd = reader.getBsonInput().getPosition();
                    hashElements.add(new int[]{elementStart, elementEnd});
                    removed += elementEnd - elementStart;
                }
            }
        }
        MessageDigest digest = sha256();
        digest.update(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, end - start - removed));
        int from = start + 4;
        for (int[] element : hashElements) {
            update(digest, bytes, from, element[0]);
            from = element[1];
        }
        update(digest, bytes, from, end);
        return HEX.formatHex(digest.digest());
    }

    /**
     * The scheme-1 computation: the SHA-256 of the driver's BSON encoding of the document without its hash field.
     * Used for commits written before scheme 2 where {@link #hashOfStored} does not match.
     */
    public static String schemeOneHash(BsonDocument commit) {
        BsonDocument content = commit.containsKey(CommitLayout.HASH) ? withoutHash(commit) : commit;
        BasicOutputBuffer buffer = new BasicOutputBuffer();
        CODEC.encode(new BsonBinaryWriter(buffer), content, ENCODING);
        MessageDigest digest = sha256();
        digest.update(buffer.getInternalBuffer(), 0, buffer.getPosition());
        return HEX.formatHex(digest.digest());
    }

    /** The first field, in document order, whose name or text has no exact BSON encoding; null if there is none. */
    static NotStorable firstUnstorable(BsonDocument document) {
        return unstorableIn(document, "");
    }

    private static NotStorable located(BsonDocument content, String otherwise) {
        NotStorable found = firstUnstorable(content);
        return found != null ? found : new NotStorable(null, otherwise);
    }

    private static NotStorable unstorableIn(BsonDocument document, String prefix) {
        for (Map.Entry<String, BsonValue> field : document.entrySet()) {
            String path = prefix + field.getKey();
            String nameProblem = textProblem(field.getKey(), true);
            if (nameProblem != null) {
                return new NotStorable(path, "has a name that " + nameProblem);
            }
            NotStorable inValue = unstorableIn(field.getValue(), path);
            if (inValue != null) {
                return inValue;
            }
        }
        return null;
    }

    private static NotStorable unstorableIn(BsonValue value, String path) {
        switch (value.getBsonType()) {
            case STRING: {
                String problem = textProblem(value.asString().getValue(), false);
                return problem == null ? null : new NotStorable(path, "holds text that " + problem);
            }
            case DOCUMENT:
                return unstorableIn(value.asDocument(), path + ".");
            case ARRAY: {
                int index = 0;
                for (BsonValue element : value.asArray()) {
                    NotStorable inElement = unstorableIn(element, path + "." + index++);
                    if (inElement != null) {
                        return inElement;
                    }
                }
                return null;
            }
            default:
                return null;
        }
    }

    private static String textProblem(String text, boolean isName) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format("contains a lone UTF-16 surrogate (\\u%04X at index %d), which has no UTF-8 "
                                             + "encoding", (int) c, i);
            } else if (isName && c == 0) {
                return "contains a NUL character (index " + i + "), which a BSON field name cannot hold";
            }
        }
        return null;
    }

    /** {@code bytes[0, length)} is a BSON document; returns it with a string element {@code hash} appended. */
    private static byte[] withHashElement(byte[] bytes, int length, String hash) {
        byte[] value = hash.getBytes(StandardCharsets.US_ASCII);
        int total = length + HASH_NAME.length + value.length + 7;
        byte[] stored = new byte[total];
        System.arraycopy(bytes, 0, stored, 0, length - 1); // all but the document's terminating 0
        ByteBuffer out = ByteBuffer.wrap(stored).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0, total);
        out.position(length - 1);
        out.put((byte) BsonType.STRING.getValue()).put(HASH_NAME).put((byte) 0);
        out.putInt(value.length + 1).put(value).put((byte) 0);
        out.put((byte) 0);
        return stored;
    }

    private static void update(MessageDigest digest, ByteBuffer bytes, int from, int to) {
        ByteBuffer range = bytes.duplicate();
        range.limit(to).position(from);
        digest.update(range);
    }

    private static BsonDocument withoutHash(BsonDocument commit) {
        BsonDocument copy = new BsonDocument();
        commit.forEach((key, value) -> {
            if (!CommitLayout.HASH.equals(key)) {
                copy.append(key, value);
            }
        });
        return copy;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
