package org.consultationtracker.query.readmodel;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Declares every read model's indexes on the generation queries read, once every bean exists and before the event
 * processors start (they start with the application context's lifecycle, after singletons are initialised).
 */
@Component
class DeclareIndexesAtStart implements SmartInitializingSingleton {

    private final ReadModelIndexes indexes;
    private final Generations generations;

    DeclareIndexesAtStart(ReadModelIndexes indexes, Generations generations) {
        this.indexes = indexes;
        this.generations = generations;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (ReadModel model : ReadModel.values()) {
            indexes.declare(model, generations.active(model));
        }
    }
}
