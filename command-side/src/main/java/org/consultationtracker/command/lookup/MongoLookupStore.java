package org.consultationtracker.command.lookup;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import org.bson.Document;

import java.util.Optional;

/** The lookup in the MongoDB collection {@code command_lookup}, one document per key ({@code _id}). */
class MongoLookupStore implements LookupStore {

    static final String COLLECTION = "command_lookup";

    private final MongoCollection<Document> entries;

    MongoLookupStore(MongoDatabase database) {
        this.entries = database.getCollection(COLLECTION);
    }

    @Override
    public Optional<Document> find(String key) {
        return Optional.ofNullable(entries.find(Filters.eq("_id", key)).first());
    }

    @Override
    public void merge(String key, Document fields) {
        entries.updateOne(Filters.eq("_id", key), new Document("$set", fields), new UpdateOptions().upsert(true));
    }

    @Override
    public void delete(String key) {
        entries.deleteOne(Filters.eq("_id", key));
    }
}
