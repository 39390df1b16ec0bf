package org.consultationtracker.query.readmodel;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;

/**
 * A SHA-256 over every document of a read model generation, collection by collection, document by document in
 * {@code _id} order, in canonical extended JSON: two rebuilds from the same events must give the same hash.
 */
public final class ContentHash {

    private static final JsonWriterSettings CANONICAL = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED)
                                                                          .build();

    private ContentHash() {
    }

    public static String of(MongoDatabase database, ReadModel model, long generation) {
        MessageDigest digest = sha256();
        for (String collection : model.collections()) {
            digest.update(collection.getBytes(StandardCharsets.UTF_8));
            for (Document document : database.getCollection(Generations.physicalName(model, collection, generation))
                                             .find().sort(Sorts.ascending("_id"))) {
                digest.update(document.toJson(CANONICAL).getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The same hash over documents held in memory (tests, "as of" views). */
    public static String of(InMemoryDocumentSession session, ReadModel model) {
        MessageDigest digest = sha256();
        for (String collection : model.collections()) {
            digest.update(collection.getBytes(StandardCharsets.UTF_8));
            for (Document document : new TreeMap<>(session.collection(collection)).values()) {
                digest.update(document.toJson(CANONICAL).getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    public static String of(List<Document> documents) {
        MessageDigest digest = sha256();
        documents.forEach(document -> digest.update(document.toJson(CANONICAL).getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
