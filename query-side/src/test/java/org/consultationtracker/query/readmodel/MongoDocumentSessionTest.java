package org.consultationtracker.query.readmodel;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.consultationtracker.eventstore.embedded.EmbeddedMongoStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two processes can write one segment's documents at once: an instance stalled longer than the token claim timeout
 * (a long pause, an overloaded host) loses its segment to another one, then wakes up and finishes the batch it had
 * loaded, writing before its token store fails. Its documents must not replace newer ones.
 */
class MongoDocumentSessionTest {

    private static final String PARTICIPANTS = "participants";

    private EmbeddedMongoStore store;
    private MongoClient client;
    private MongoDatabase database;

    @BeforeEach
    void startStore() {
        store = EmbeddedMongoStore.startInMemory();
        client = MongoClients.create(store.uri());
        database = client.getDatabase("sessions");
    }

    @AfterEach
    void stopStore() {
        client.close();
        store.close();
    }

    @Test
    void aStalledBatchDoesNotReplaceWhatTheInstanceThatTookItsSegmentOverWroteSince() {
        write(1, "ana", "first");

        // The stalled instance loaded ana before it stalled, and goes on applying event 2 after it woke up.
        MongoDocumentSession stalled = session();
        Document stale = stalled.forUpdate(PARTICIPANTS, "ana", at(2));
        // Meanwhile the instance that took the segment over applied events 2 and 3.
        write(2, "ana", "second");
        write(3, "ana", "third");
        // The stalled one writes its batch (its token store fails afterwards).
        stale.put("notes", List.of("first", "second"));
        Document untouched = stalled.forUpdate(PARTICIPANTS, "bo", at(2));
        untouched.put("notes", List.of("from the stalled batch"));
        stalled.flush();

        Document ana = session().find(PARTICIPANTS, "ana");
        assertThat(ana.get("notes")).as("ana's notes").isEqualTo(List.of("first", "second", "third"));
        assertThat(ana.get(DocumentSession.POSITION, Number.class).longValue()).isEqualTo(3);
        assertThat(session().find(PARTICIPANTS, "bo").get("notes")).as("a document nobody else wrote is written")
                                                                   .isEqualTo(List.of("from the stalled batch"));
    }

    @Test
    void aDocumentWrittenTwiceForTheSameEventKeepsItsContent() {
        write(1, "ana", "first");
        MongoDocumentSession one = session();
        MongoDocumentSession other = session();
        one.forUpdate(PARTICIPANTS, "ana", at(2)).put("notes", List.of("first", "second"));
        other.forUpdate(PARTICIPANTS, "ana", at(2)).put("notes", List.of("first", "second"));

        one.flush();
        other.flush();

        assertThat(session().find(PARTICIPANTS, "ana").get("notes")).isEqualTo(List.of("first", "second"));
    }

    /** Applies event {@code position} (adding {@code note}) to the participant and writes it. */
    private void write(long position, String id, String note) {
        MongoDocumentSession session = session();
        Document document = session.forUpdate(PARTICIPANTS, id, at(position));
        List<String> notes = new java.util.ArrayList<>(document.getList("notes", String.class, List.of()));
        notes.add(note);
        document.put("notes", notes);
        session.flush();
    }

    private MongoDocumentSession session() {
        return new MongoDocumentSession(database, ReadModel.PARTICIPANTS, 1);
    }

    private static EventContext at(long position) {
        return new EventContext(position, "event-" + position, "ParticipantRegistered", "ana",
                                Instant.parse("2024-02-05T09:00:00Z"), "facilitator", "FACILITATOR");
    }
}
