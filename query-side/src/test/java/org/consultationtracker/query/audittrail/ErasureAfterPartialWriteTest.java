package org.consultationtracker.query.audittrail;

import org.bson.Document;
import org.consultationtracker.events.participant.ParticipantErased;
import org.consultationtracker.query.coverage.CoverageProjection;
import org.consultationtracker.query.readmodel.EventContext;
import org.consultationtracker.query.readmodel.InMemoryDocumentSession;
import org.consultationtracker.query.readmodel.Projection;
import org.consultationtracker.query.support.ConsultationStory;
import org.consultationtracker.query.support.EventFeed;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch can stop after writing one collection and before the next (a killed instance): redelivered, an erasure that
 * withdraws words must still reach every key point and idea of the person, although their participant document
 * already holds it and is skipped.
 */
class ErasureAfterPartialWriteTest {

    private static final String P = "pw-";

    @Test
    void wordsAreWithdrawnEvenWhenTheParticipantDocumentAlreadyHoldsTheErasure() {
        List<Object> story = ConsultationStory.events(P);
        ParticipantErased erasure = (ParticipantErased) story.stream()
                .filter(e -> e instanceof ParticipantErased erased && erased.participantId().equals(P + "cy"))
                .findFirst().orElseThrow();
        List<Object> before = story.subList(0, story.indexOf(erasure));
        List<Projection> projections = List.of(new CoverageProjection(), new AuditTrailProjection());
        InMemoryDocumentSession session = new InMemoryDocumentSession();
        new EventFeed().feed(session, projections, before.toArray());

        // only the participants' documents of the erasure were written before the batch stopped
        long position = before.size() + 1;
        EventContext context = new EventContext(position, "erasure", "ParticipantErased", P + "cy",
                erasure.occurredAt(), "admin", "ADMIN");
        for (String collection : List.of("coverage_participants", "trail_participants")) {
            Document participant = session.forUpdate(collection, P + "cy", context);
            participant.append("erased", true);
        }
        session.flush();

        projections.forEach(projection -> projection.apply(erasure, context, session));
        session.flush();

        for (String collection : List.of("coverage_keypoints", "trail_keypoints")) {
            Document quote = session.collection(collection).get(P + "kp-4");
            assertThat(quote.get("original", Document.class).getBoolean("withdrawn")).as(collection).isTrue();
            assertThat(quote.getBoolean("wordsWithdrawn")).as(collection).isTrue();
        }
    }
}
