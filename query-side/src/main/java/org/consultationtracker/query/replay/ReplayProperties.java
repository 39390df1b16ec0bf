package org.consultationtracker.query.replay;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param flushEvery    events applied between two hand-overs of changed documents to the writers
 * @param heldDocuments documents a rebuild keeps in memory per read model before it drops those already written
 * @param writers       threads writing rebuilt documents while the stream is read and applied
 * @param logEvery      how often a running rebuild logs its progress
 */
@ConfigurationProperties(prefix = "consultation.replay")
public record ReplayProperties(@DefaultValue("10000") int flushEvery, @DefaultValue("100000") int heldDocuments,
                               @DefaultValue("2") int writers, @DefaultValue("5s") Duration logEvery) {

    public ReplayProperties {
        if (flushEvery < 1 || heldDocuments < 1 || writers < 1) {
            throw new IllegalArgumentException("consultation.replay.flush-every, held-documents and writers must be "
                                                       + "at least 1");
        }
    }
}
