package org.consultationtracker.query.feedback;

import com.mongodb.client.MongoDatabase;
import org.axonframework.config.ProcessingGroup;
import org.consultationtracker.query.parking.ParkedEvents;
import org.consultationtracker.query.parking.ParkingSequences;
import org.consultationtracker.query.readmodel.Generations;
import org.consultationtracker.query.readmodel.ProjectionEventHandler;
import org.springframework.stereotype.Component;

@Component
@ProcessingGroup("session-feedback")
class SessionFeedbackProcessor extends ProjectionEventHandler {

    SessionFeedbackProcessor(SessionFeedbackProjection projection, MongoDatabase database, Generations generations,
                             ParkedEvents parkedEvents, ParkingSequences sequences) {
        super(projection, database, generations, parkedEvents, sequences);
    }
}
