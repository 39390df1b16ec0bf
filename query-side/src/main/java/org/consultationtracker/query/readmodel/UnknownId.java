package org.consultationtracker.query.readmodel;

/** A query named something no read model knows (HTTP 404). */
public class UnknownId extends RuntimeException {

    private final String kind;
    private final String id;

    public UnknownId(String kind, String id) {
        super("No " + kind + " with id '" + id + "'");
        this.kind = kind;
        this.id = id;
    }

    public String kind() {
        return kind;
    }

    public String id() {
        return id;
    }
}
