package org.consultationtracker.query.readmodel;

import org.bson.Document;
import org.junit.jupiter.api.Test;

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
