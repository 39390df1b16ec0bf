package org.consultationtracker.query.readmodel;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Creates the indexes each projection declares ({@link Projection#indexes()}) on a generation of its collections:
 * for the generation queries read when the service starts, and for each new generation a rebuild fills, before it
 * writes. {@code createIndex} with the same name and keys is a no-op on an existing index, so every start may ask.
 */
@Component
public class ReadModelIndexes {

    private final MongoDatabase database;
    private final List<Projection> projections;

    public ReadModelIndexes(MongoDatabase database, List<Projection> projections) {
        this.database = database;
        this.projections = projections;
    }

    public void declare(ReadModel model, long generation) {
        // Every collection: the compare-and-set of live writes (MongoDocumentSession) filters on _id and _position.
        for (String collection : model.collections()) {
            database.getCollection(Generations.physicalName(model, collection, generation))
                    .createIndex(Indexes.ascending("_id", DocumentSession.POSITION),
                                 new IndexOptions().name(MongoDocumentSession.WRITE_GUARD).unique(true));
        }
        for (Projection projection : projections) {
            if (projection.model() != model) {
                continue;
            }
            for (ReadModelIndex index : projection.indexes()) {
                IndexOptions options = new IndexOptions().name(index.name()).unique(index.unique())
                                                         .sparse(index.sparse());
                database.getCollection(Generations.physicalName(model, index.collection(), generation))
                        .createIndex(index.keys(), options);
            }
        }
    }
}
