package org.consultationtracker.query.coverage;

import org.consultationtracker.query.readmodel.DocumentSession;
import org.consultationtracker.query.readmodel.EventContext;
import org.consultationtracker.query.readmodel.Projection;
import org.consultationtracker.query.readmodel.ReadModel;
import org.springframework.stereotype.Component;

/** Coverage is the key-point ledger on its own: the fate of every key point, computed at read time. */
@Component
public class CoverageProjection implements Projection {

    public static final KeyPointLedger LEDGER = new KeyPointLedger("coverage");

    @Override
    public ReadModel model() {
        return ReadModel.COVERAGE;
    }

    @Override
    public void apply(Object payload, EventContext context, DocumentSession session) {
        LEDGER.apply(payload, context, session);
    }
}
