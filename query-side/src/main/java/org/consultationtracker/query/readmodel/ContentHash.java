package org.consultationtracker.query.readmodel;

import com.mongodb.client.MongoDatabase;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * A SHA-256 over every document of a read model generation: collection by collection, the SHA-256 of each document's
 * BSON bytes in {@code _id} order. Two rebuilds from the same events must give the same hash. BSON keeps field order
 * and value types (a 32-bit and a 64-bit number differ), so the hash does too.
 * <p>
 * Documents are read in whatever order the store returns them and put in {@code _id} order here, holding one digest
 * per document: the embedded server sorts by comparing field paths it parses anew for every comparison, which made
 * a server-side sort the larger part of hashing a big generation.
 */
public final class ContentHash {

    private static final DocumentCodec CODEC = new DocumentCodec();

    private ContentHash() {
    }

    public static String of(MongoDatabase database, ReadModel model, long generation) {
        MessageDigest digest = sha256();
        for (String collection : model.collections()) {
            TreeMap<String, byte[]> documents = new TreeMap<>();
            for (RawBsonDocument document : database.getCollection(
                    Generations.physicalName(model, collection, generation), RawBsonDocument.class).find()
                    .batchSize(ReadModelStore.SCAN_BATCH)) {
                documents.put(document.getString("_id").getValue(), digestOf(document));
            }
            update(digest, collection, documents);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The same hash over documents held in memory (tests, "as of" views). */
    public static String of(InMemoryDocumentSession session, ReadModel model) {
        MessageDigest digest = sha256();
        for (String collection : model.collections()) {
            TreeMap<String, byte[]> documents = new TreeMap<>();
            session.collection(collection).forEach(
                    (id, document) -> documents.put(id, digestOf(new RawBsonDocument(document, CODEC))));
            update(digest, collection, documents);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void update(MessageDigest digest, String collection, TreeMap<String, byte[]> documents) {
        digest.update(collection.getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, byte[]> document : documents.entrySet()) {
            digest.update(document.getValue());
        }
    }

    private static byte[] digestOf(RawBsonDocument document) {
        MessageDigest digest = sha256();
        ByteBuffer bytes = document.getByteBuffer().asNIO();
        digest.update(bytes);
        return digest.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
