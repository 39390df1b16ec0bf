package org.consultationtracker.query.participants;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consultationtracker.events.participant.AgeBand;
import org.consultationtracker.events.participant.ContributionPolicy;
import org.consultationtracker.events.participant.ErasureRequester;
import org.consultationtracker.events.participant.ParticipantErased;
import org.consultationtracker.events.participant.ParticipantRegistered;
import org.consultationtracker.query.readmodel.ReadModel;
import org.consultationtracker.query.replay.Replays;
import org.consultationtracker.query.support.EventFeed;
import org.consultationtracker.query.support.Processors;
import org.consultationtracker.query.support.QuerySideTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pseudonym lookup is a key read of the pseudonym index. Pseudonyms are not unique: the participant who registered
 * first with one answers while they hold it; an erasure frees it for the next holder or for someone new, and a rebuild
 * gives the same answers.
 */
@QuerySideTest
class PseudonymLookupTest {

    private static final String P = "pseudo-";
    private static final Instant AT = Instant.parse("2023-05-01T10:00:00Z");

    @Autowired
    ParticipantDirectory directory;
    @Autowired
    EventStore eventStore;
    @Autowired
    EventStorageEngine engine;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    Replays replays;

    private final EventFeed feed = new EventFeed();

    @Test
    void theFirstHolderAnswersAndAnErasureFreesThePseudonym() {
        String shared = P + "Robin";
        publish(registered(P + "p1", shared), registered(P + "p2", shared), registered(P + "p3", P + "Sam"));
        assertThat(directory.idForPseudonym(shared)).contains(P + "p1");
        assertThat(directory.idForPseudonym(P + "Sam")).contains(P + "p3");
        assertThat(directory.idForPseudonym(P + "nobody")).isEmpty();

        publish(erased(P + "p1"));
        assertThat(directory.idForPseudonym(shared)).as("the other holder").contains(P + "p2");

        publish(erased(P + "p2"));
        assertThat(directory.idForPseudonym(shared)).as("nobody holds it").isEmpty();

        publish(registered(P + "p4", shared));
        assertThat(directory.idForPseudonym(shared)).as("chosen again by someone new").contains(P + "p4");

        replays.rebuild(ReadModel.PARTICIPANTS);
        assertThat(directory.idForPseudonym(shared)).contains(P + "p4");
        assertThat(directory.idForPseudonym(P + "Sam")).contains(P + "p3");
    }

    private void publish(Object... payloads) {
        eventStore.publish(feed.messages(payloads).toArray(new EventMessage[0]));
        Processors.awaitCaughtUp(processing, engine);
    }

    private static ParticipantRegistered registered(String participantId, String pseudonym) {
        return new ParticipantRegistered(participantId, P + "c", pseudonym, List.of(P + "g"), AgeBand.AGED_18_TO_25,
                                         null, null, null, AT);
    }

    private static ParticipantErased erased(String participantId) {
        return new ParticipantErased(participantId, ContributionPolicy.KEEP_WORDS_DROP_IDENTITY,
                                     ErasureRequester.THE_PARTICIPANT, "asked", null, AT.plusSeconds(60));
    }
}
