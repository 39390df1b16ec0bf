package org.consultationtracker.system;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.consultationtracker.query.health.ProcessorLag;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** One segment of an event processor in the token store: who owns it and the position its token has reached. */
record TokenSegment(String processor, int segment, String owner, long position) {

    String key() {
        return processor + "/" + segment;
    }

    /** The segments of the given processors, ordered by processor and segment. */
    static List<TokenSegment> read(MongoDatabase database, Collection<String> processors, Serializer serializer) {
        List<TokenSegment> segments = new ArrayList<>();
        for (Document entry : database.getCollection("trackingtokens").find(Filters.in("processorName", processors))) {
            segments.add(new TokenSegment(entry.getString("processorName"), entry.getInteger("segment"),
                                          entry.getString("owner"), ProcessorLag.tokenPosition(entry, serializer)));
        }
        segments.sort(Comparator.comparing(TokenSegment::key));
        return segments;
    }
}
