package org.consultationtracker.eventstore.privacy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.consultationtracker.eventstore.conformance.StoreUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The key vault stores its keys wrapped by a master key that is not in the database. */
class KeyVaultEnvelopeTest {

    private static final StoreUnderTest STORE = new StoreUnderTest();

    private final LocalMasterKey masterKey = LocalMasterKey.random();
    private MongoDatabase database;
    private MongoCollection<Document> keys;
    private KeyVault vault;

    @BeforeEach
    void freshDatabase() {
        database = STORE.freshDatabase();
        keys = database.getCollection(KeyVault.COLLECTION);
        vault = new KeyVault(database, MasterKeys.of(masterKey));
    }

    @AfterAll
    static void stop() {
        STORE.close();
    }

    @Test
    void keysAreStoredWrappedAndNamedByTheirMasterKey() {
        vault.createKey("p-1/words", "p-1", "words");
        KeyVault.Sealed sealed = vault.seal("p-1/words", "my words").orElseThrow();

        Document stored = keys.find(Filters.eq("_id", "p-1/words")).first();
        assertThat(stored).doesNotContainKey("key");
        assertThat(stored.getString("wrappedBy")).isEqualTo(masterKey.id()).matches("local:[0-9a-f]{8}");
        byte[] dataKey = masterKey.unwrap(stored.getString("wrappedKey"), "p-1/words");
        assertThat(dataKey).hasSize(32);
        assertThat(stored.toJson()).doesNotContain(Base64.getEncoder().encodeToString(dataKey));
        assertThat(vault.open("p-1/words", sealed.iv(), sealed.ciphertext())).contains("my words");
    }

    @Test
    void aWrappedKeyMovedToAnotherRecordDoesNotOpenThere() {
        vault.createKey("p-1/words", "p-1", "words");
        vault.createKey("p-2/words", "p-2", "words");
        KeyVault.Sealed sealed = vault.seal("p-1/words", "p-1's words").orElseThrow();
        String wrappedForP1 = keys.find(Filters.eq("_id", "p-1/words")).first().getString("wrappedKey");

        keys.updateOne(Filters.eq("_id", "p-2/words"),
                       new Document("$set", new Document("wrappedKey", wrappedForP1)));

        assertThatThrownBy(() -> vault.seal("p-2/words", "anything")).isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("p-2/words");
        assertThat(vault.open("p-1/words", sealed.iv(), sealed.ciphertext())).contains("p-1's words");
    }

    @Test
    void anotherMasterKeyOpensNothingAndRefusesTheStart() {
        vault.createKey("p-1/identity", "p-1", "identity");
        KeyVault.Sealed sealed = vault.seal("p-1/identity", "Jo Bloggs").orElseThrow();
        KeyVault wrongKey = new KeyVault(database, MasterKeys.of(LocalMasterKey.random()));

        assertThatThrownBy(() -> wrongKey.open("p-1/identity", sealed.iv(), sealed.ciphertext()))
                .isInstanceOf(MasterKeyException.class).hasMessageContaining(masterKey.id());
        assertThatThrownBy(wrongKey::bringUpToDate).isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("{" + masterKey.id() + "=1}");
        assertThat(vault.bringUpToDate()).isEqualTo(new KeyVault.Upkeep(0, 0));
    }

    @Test
    void aDestroyedKeyLeavesATombstoneWithoutKeyMaterial() {
        vault.createKey("p-1/identity", "p-1", "identity");
        vault.destroy("p-1/identity");

        Document tombstone = keys.find(Filters.eq("_id", "p-1/identity")).first();
        assertThat(tombstone).doesNotContainKeys("key", "wrappedKey", "wrappedBy").containsKey("destroyedAt");
        assertThat(vault.seal("p-1/identity", "x")).isEmpty();
        assertThat(vault.destroyed("p-1/identity")).isTrue();
        assertThat(vault.createKey("p-1/identity", "p-1", "identity")).isFalse();
    }

    @Test
    void clearKeysOfAnOlderVersionAreWrappedAtStartOnceEvenByTwoInstancesAtOnce() throws Exception {
        List<KeyVault.Sealed> sealed = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            vault.createKey("p-" + i + "/words", "p-" + i, "words");
            sealed.add(vault.seal("p-" + i + "/words", "words of p-" + i).orElseThrow());
            downgradeToClear("p-" + i + "/words");
        }
        vault.createKey("gone/words", "gone", "words");
        downgradeToClear("gone/words");
        vault.destroy("gone/words");
        assertThat(keys.countDocuments(Filters.exists("key"))).isEqualTo(40);

        KeyVault first = new KeyVault(database, MasterKeys.of(masterKey));
        KeyVault second = new KeyVault(database, MasterKeys.of(masterKey));
        List<KeyVault.Upkeep> upkeeps = atOnce(first::bringUpToDate, second::bringUpToDate);

        assertThat(upkeeps.get(0).clearKeysWrapped() + upkeeps.get(1).clearKeysWrapped()).isEqualTo(40);
        assertThat(keys.countDocuments(Filters.exists("key"))).isZero();
        assertThat(keys.countDocuments(Filters.eq("wrappedBy", masterKey.id()))).isEqualTo(40);
        for (int i = 0; i < 40; i++) {
            KeyVault.Sealed value = sealed.get(i);
            assertThat(first.open(value.keyId(), value.iv(), value.ciphertext())).contains("words of p-" + i);
        }
        assertThat(vault.destroyed("gone/words")).isTrue();
        assertThat(first.bringUpToDate()).as("idempotent").isEqualTo(new KeyVault.Upkeep(0, 0));
    }

    @Test
    void aClearKeyWrittenByAnOlderInstanceAfterTheStartIsWrappedWhenFirstUsed() {
        vault.createKey("p-1/words", "p-1", "words");
        KeyVault.Sealed sealed = vault.seal("p-1/words", "late words").orElseThrow();
        downgradeToClear("p-1/words");

        assertThat(vault.open("p-1/words", sealed.iv(), sealed.ciphertext())).contains("late words");
        assertThat(keys.find(Filters.eq("_id", "p-1/words")).first()).doesNotContainKey("key")
                .containsEntry("wrappedBy", masterKey.id());
    }

    @Test
    void rotationRewrapsUnderTheNewKeyLeavesTombstonesAloneAndThenNeedsOnlyTheNewKey() throws Exception {
        List<KeyVault.Sealed> sealed = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            vault.createKey("p-" + i + "/identity", "p-" + i, "identity");
            sealed.add(vault.seal("p-" + i + "/identity", "name of p-" + i).orElseThrow());
        }
        vault.createKey("erased/identity", "erased", "identity");
        KeyVault.Sealed erased = vault.seal("erased/identity", "an erased name").orElseThrow();
        vault.destroy("erased/identity");
        Document tombstone = keys.find(Filters.eq("_id", "erased/identity")).first();

        LocalMasterKey next = LocalMasterKey.random();
        MasterKeys rotating = MasterKeys.rotating(masterKey, next);
        List<KeyVault.Upkeep> upkeeps = atOnce(() -> new KeyVault(database, rotating).bringUpToDate(),
                                               () -> new KeyVault(database, rotating).bringUpToDate());
        assertThat(upkeeps.get(0).keysRewrapped() + upkeeps.get(1).keysRewrapped()).isEqualTo(30);
        assertThat(new KeyVault(database, rotating).bringUpToDate()).as("idempotent")
                .isEqualTo(new KeyVault.Upkeep(0, 0));

        KeyVault afterRotation = new KeyVault(database, MasterKeys.of(next));
        assertThat(afterRotation.unopenableKeys()).isEmpty();
        afterRotation.bringUpToDate();
        for (int i = 0; i < 30; i++) {
            KeyVault.Sealed value = sealed.get(i);
            assertThat(afterRotation.open(value.keyId(), value.iv(), value.ciphertext())).contains("name of p-" + i);
        }
        assertThat(keys.find(Filters.eq("_id", "erased/identity")).first()).isEqualTo(tombstone);
        assertThat(afterRotation.open(erased.keyId(), erased.iv(), erased.ciphertext())).isEmpty();
        assertThatThrownBy(() -> new KeyVault(database, MasterKeys.of(masterKey)).bringUpToDate())
                .as("the old key alone opens nothing any more").isInstanceOf(MasterKeyException.class);
    }

    @Test
    void anInterruptedRotationResumesAndUntilItEndsTheOldKeyCannotBeDropped() {
        for (int i = 0; i < 10; i++) {
            vault.createKey("p-" + i + "/words", "p-" + i, "words");
        }
        LocalMasterKey next = LocalMasterKey.random();
        // Interrupted: a rotating instance re-wrapped one key and stopped.
        KeyVault rotating = new KeyVault(database, MasterKeys.rotating(masterKey, next));
        byte[] material = masterKey.unwrap(keys.find(Filters.eq("_id", "p-0/words")).first().getString("wrappedKey"),
                                           "p-0/words");
        keys.updateOne(Filters.eq("_id", "p-0/words"), new Document("$set", new Document("wrappedKey",
                next.wrap(material, "p-0/words")).append("wrappedBy", next.id())));

        assertThatThrownBy(() -> new KeyVault(database, MasterKeys.of(next)).bringUpToDate())
                .isInstanceOf(MasterKeyException.class).hasMessageContaining("{" + masterKey.id() + "=9}");
        assertThat(rotating.bringUpToDate()).isEqualTo(new KeyVault.Upkeep(0, 9));
        assertThat(new KeyVault(database, MasterKeys.of(next)).bringUpToDate()).isEqualTo(new KeyVault.Upkeep(0, 0));
    }

    @Test
    void aRotationNeedsANewKey() {
        byte[] material = LocalMasterKey.generate();
        assertThatThrownBy(() -> MasterKeys.rotating(LocalMasterKey.of(material), LocalMasterKey.of(material)))
                .isInstanceOf(MasterKeyException.class);
    }

    @Test
    void theMasterKeyNeverShowsInItsDescriptionNorInAFailure() {
        byte[] material = LocalMasterKey.generate();
        LocalMasterKey key = LocalMasterKey.of(material);
        String failure = "";
        try {
            key.unwrap(masterKey.wrap(new byte[32], "k"), "k");
        } catch (MasterKeyException e) {
            failure = e.getMessage();
        }
        assertThat(key + " " + MasterKeys.of(key) + " " + failure).contains(key.id())
                .doesNotContain(Base64.getEncoder().encodeToString(material));
    }

    /** Rewrites a key document as a version before envelope encryption stored it: the key in clear, base64. */
    private void downgradeToClear(String keyId) {
        Document doc = keys.find(Filters.eq("_id", keyId)).first();
        byte[] material = masterKey.unwrap(doc.getString("wrappedKey"), keyId);
        keys.replaceOne(Filters.eq("_id", keyId), new Document("_id", keyId)
                .append("ownerId", doc.getString("ownerId")).append("purpose", doc.getString("purpose"))
                .append("key", Base64.getEncoder().encodeToString(material)).append("createdAt", doc.get("createdAt")));
    }

    @SafeVarargs
    private static <T> List<T> atOnce(Callable<T>... tasks) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(tasks.length);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(threads.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}
