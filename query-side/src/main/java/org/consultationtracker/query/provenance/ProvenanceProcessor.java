package org.consultationtracker.query.provenance;

import com.mongodb.client.MongoDatabase;
import org.axonframework.config.ProcessingGroup;
import org.consultationtracker.query.parking.ParkedEvents;
import org.consultationtracker.query.parking.ParkingSequences;
import org.consultationtracker.query.readmodel.Generations;
import org.consultationtracker.query.readmodel.ProjectionEventHandler;
import org.springframework.stereotype.Component;

@Component
@ProcessingGroup("provenance")
class ProvenanceProcessor extends ProjectionEventHandler {

    ProvenanceProcessor(ProvenanceProjection projection, MongoDatabase database, Generations generations,
                        ParkedEvents parkedEvents, ParkingSequences sequences) {
        super(projection, database, generations, parkedEvents, sequences);
    }
}
