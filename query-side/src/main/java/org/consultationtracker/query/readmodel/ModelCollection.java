package org.consultationtracker.query.readmodel;

/**
 * A handle on one collection of one read model, held by that model's package (as a package-private constant) so that
 * only the package whose projection writes the collection reads it through {@link ReadModelStore}. The layout of its
 * documents stays private to that package, which answers other packages with typed records.
 */
public record ModelCollection(ReadModel model, String name) {

    public ModelCollection {
        if (!model.collections().contains(name)) {
            throw new IllegalArgumentException(name + " is not a collection of read model " + model.id());
        }
    }

    public static ModelCollection of(ReadModel model, String name) {
        return new ModelCollection(model, name);
    }
}
