package org.consultationtracker.query.readmodel;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.consultationtracker.eventstore.embedded.EmbeddedMongoStore;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ContentHashTest {

    @Test
    void theOrderDocumentsWereWrittenInDoesNotMatter() {
        assertThat(hash(doc("a", 1L), doc("b", 2L))).isEqualTo(hash(doc("b", 2L), doc("a", 1L)));
    }

    @Test
    void anyChangedValueOrTypeChangesTheHash() {
        String reference = hash(doc("a", 1L), doc("b", 2L));

        assertThat(reference).hasSize(64);
        assertThat(hash(doc("a", 1L), doc("b", 3L))).isNotEqualTo(reference);
        assertThat(hash(doc("a", 1L), new Document("_id", "b").append("n", 2))).as("int32 vs int64")
                                                                                 .isNotEqualTo(reference);
        assertThat(hash(doc("a", 1L))).as("a document missing").isNotEqualTo(reference);
        assertThat(hash(doc("a", 1L), doc("b", 2L), doc("c", 3L))).as("a document too many")
                                                                  .isNotEqualTo(reference);
    }

    @Test
    void aDocumentMovedToAnotherCollectionChangesTheHash() {
        InMemoryDocumentSession one = new InMemoryDocumentSession();
        one.put("participants", doc("a", 1L));
        InMemoryDocumentSession other = new InMemoryDocumentSession();
        other.put("stakeholder_groups", doc("a", 1L));

        assertThat(ContentHash.of(one, ReadModel.PARTICIPANTS))
                .isNotEqualTo(ContentHash.of(other, ReadModel.PARTICIPANTS));
    }

    @Test
    void aGenerationLargerThanOneReplyIsHashedLikeTheSameDocumentsInMemory() {
        // The embedded server answers a find without a batch size in one reply; the driver refuses replies > 48 MB.
        String text = "x".repeat(10_000);
        InMemoryDocumentSession memory = new InMemoryDocumentSession();
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            Document document = new Document("_id", "entry-" + i).append("text", text).append("n", (long) i);
            documents.add(document);
            memory.put("audit_log", document);
        }
        try (EmbeddedMongoStore store = EmbeddedMongoStore.startInMemory();
             MongoClient client = MongoClients.create(store.uri())) {
            MongoDatabase database = client.getDatabase("hash");
            for (int i = 0; i < documents.size(); i += 500) {
                database.getCollection("audit_log_g1").insertMany(documents.subList(i, i + 500));
            }

            assertThat(ContentHash.of(database, ReadModel.AUDIT_LOG, 1))
                    .isEqualTo(ContentHash.of(memory, ReadModel.AUDIT_LOG));
        }
    }

    private static Document doc(String id, long n) {
        return new Document("_id", id).append("n", n);
    }

    private static String hash(Document... documents) {
        InMemoryDocumentSession session = new InMemoryDocumentSession();
        for (Document document : documents) {
            session.put("agendas", document);
        }
        return ContentHash.of(session, ReadModel.AGENDA);
    }
}
