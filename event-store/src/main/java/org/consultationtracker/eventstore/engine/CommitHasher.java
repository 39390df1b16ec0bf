package org.consultationtracker.eventstore.engine;

import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 over a commit exactly as stored: the BSON encoding of the document without its own hash field. The
 * document carries the hashes of the previous commits of its aggregates, so editing, deleting or reordering any
 * stored event breaks a link. Encrypted personal data is hashed in its encrypted form, so crypto-shredding (deleting a
 * key outside the store) never breaks the chain.
 */
public final class CommitHasher {

    private static final BsonDocumentCodec CODEC = new BsonDocumentCodec();

    private CommitHasher() {
    }

    public static String hash(BsonDocument commit) {
        BsonDocument content = commit.containsKey(CommitLayout.HASH) ? withoutHash(commit) : commit;
        try (BasicOutputBuffer buffer = new BasicOutputBuffer(); BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
            CODEC.encode(writer, content, EncoderContext.builder().build());
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(buffer.getInternalBuffer(), 0, buffer.getPosition());
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
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
}
