package org.consultationtracker.query.coverage;

import org.consultationtracker.query.participants.ParticipantDirectory.ParticipantRef;
import java.util.Map;
import java.util.Collection;
import java.util.function.Function;
import org.consultationtracker.query.readmodel.ReadModelStore;
import org.consultationtracker.query.readmodel.DocumentSession;
import org.consultationtracker.query.readmodel.EventContext;
import org.consultationtracker.query.readmodel.Projection;
import org.consultationtracker.query.readmodel.ReadModel;
import org.springframework.stereotype.Component;

/**
 * Coverage is the key-point ledger, with its key points listed in stream order ({@link KeyPointStream}) for the pages
 * of unscoped and stakeholder-group answers: the fate of every key point, computed at read time.
 */
@Component
public class CoverageProjection implements Projection {

    public static final KeyPointLedger LEDGER = new KeyPointLedger("coverage");

    /**
     * Key-point fates read from this model, for the packages that answer from it (the conversation view, the voice
     * flow): they reach its documents only through this, never by its name.
     */
    public static KeyPointFates fates(ReadModelStore store,
                                      Function<Collection<String>, Map<String, ParticipantRef>> participants,
                                      Words words) {
        return new KeyPointFates(store, ReadModel.COVERAGE, LEDGER, participants, words);
    }

    @Override
    public ReadModel model() {
        return ReadModel.COVERAGE;
    }

    @Override
    public void apply(Object payload, EventContext context, DocumentSession session) {
        LEDGER.apply(payload, context, session);
        KeyPointStream.apply(payload, context, session); // after the ledger: a registration reads its key points
    }
}
