package org.consultationtracker.eventstore.privacy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.consultationtracker.eventstore.config.MasterKeyProperties;
import org.consultationtracker.eventstore.config.MasterKeySources;
import org.consultationtracker.eventstore.config.StoreProperties;
import org.consultationtracker.eventstore.conformance.StoreUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The master key held by Vault's Transit engine, tested against {@link TransitStandIn}, not a real Vault. */
class VaultTransitMasterKeyTest {

    private static final StoreUnderTest STORE = new StoreUnderTest();
    private static final String TOKEN = "s.test-token";

    private TransitStandIn transit;
    private VaultTransitMasterKey masterKey;
    private MongoDatabase database;
    private MongoCollection<Document> keys;

    @BeforeEach
    void start() throws Exception {
        transit = new TransitStandIn("transit", TOKEN);
        transit.rotate("consultation");
        masterKey = new VaultTransitMasterKey(transit.address(), "transit", "consultation", () -> TOKEN,
                                              Duration.ofSeconds(5));
        database = STORE.freshDatabase();
        keys = database.getCollection(KeyVault.COLLECTION);
    }

    @AfterEach
    void stop() {
        transit.close();
    }

    @AfterAll
    static void stopStore() {
        STORE.close();
    }

    @Test
    void keysAreWrappedByVaultAndOpenThroughIt() {
        KeyVault vault = new KeyVault(database, MasterKeys.of(masterKey));
        vault.createKey("p-1/words", "p-1", "words");
        KeyVault.Sealed sealed = vault.seal("p-1/words", "my words").orElseThrow();

        Document stored = keys.find(Filters.eq("_id", "p-1/words")).first();
        assertThat(stored.getString("wrappedKey")).startsWith("vault:v1:");
        assertThat(stored.getString("wrappedBy")).isEqualTo("vault-transit:transit/consultation");
        assertThat(vault.open("p-1/words", sealed.iv(), sealed.ciphertext())).contains("my words");
        assertThat(transit.decrypts.get()).as("one round trip per use: no cache").isEqualTo(2);
    }

    @Test
    void aKeyRotatedInsideVaultKeepsOpeningOlderWrappedKeys() {
        KeyVault vault = new KeyVault(database, MasterKeys.of(masterKey));
        vault.createKey("p-1/words", "p-1", "words");
        KeyVault.Sealed before = vault.seal("p-1/words", "before").orElseThrow();

        transit.rotate("consultation");
        vault.createKey("p-2/words", "p-2", "words");

        assertThat(keys.find(Filters.eq("_id", "p-2/words")).first().getString("wrappedKey")).startsWith("vault:v2:");
        assertThat(vault.open("p-1/words", before.iv(), before.ciphertext())).contains("before");
        assertThat(vault.seal("p-2/words", "after")).isPresent();
    }

    @Test
    void aWrappedKeyMovedToAnotherRecordIsRefusedByVault() {
        KeyVault vault = new KeyVault(database, MasterKeys.of(masterKey));
        vault.createKey("p-1/words", "p-1", "words");
        vault.createKey("p-2/words", "p-2", "words");
        String p1 = keys.find(Filters.eq("_id", "p-1/words")).first().getString("wrappedKey");
        keys.updateOne(Filters.eq("_id", "p-2/words"), new Document("$set", new Document("wrappedKey", p1)));

        assertThatThrownBy(() -> vault.seal("p-2/words", "x")).isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("HTTP 400").hasMessageContaining("message authentication failed");
    }

    @Test
    void aWrongTokenIsRefusedWithoutRepeatingIt() {
        VaultTransitMasterKey wrongToken = new VaultTransitMasterKey(transit.address(), "transit", "consultation",
                                                                     () -> "s.wrong", Duration.ofSeconds(5));
        assertThatThrownBy(() -> wrongToken.wrap(new byte[32], "k")).isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("HTTP 403").hasMessageContaining("permission denied")
                .hasMessageNotContaining("s.wrong");
    }

    @Test
    void theTokenFileIsReadOnEveryCallSoARenewedTokenIsPickedUp(@TempDir Path temp) throws Exception {
        Path tokenFile = temp.resolve("token");
        Files.writeString(tokenFile, "s.expired\n");
        VaultTransitMasterKey fromFile = new VaultTransitMasterKey(transit.address(), "transit", "consultation", () -> {
            try {
                return Files.readString(tokenFile).strip();
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }, Duration.ofSeconds(5));
        assertThatThrownBy(() -> fromFile.wrap(new byte[32], "k")).isInstanceOf(MasterKeyException.class);

        Files.writeString(tokenFile, TOKEN + "\n");
        assertThat(fromFile.unwrap(fromFile.wrap(new byte[32], "k"), "k")).hasSize(32);
    }

    @Test
    void anUnreachableVaultIsNamedInTheFailure() {
        transit.close();
        assertThatThrownBy(() -> masterKey.wrap(new byte[32], "k")).isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("cannot be reached");
    }

    @Test
    void keptUnwrappedKeysSpareRoundTripsForTheirTimeToLiveAndADestroyedKeyStopsOpeningAtOnceEverywhere() {
        MutableClock clock = new MutableClock();
        CachingMasterKey here = new CachingMasterKey(masterKey, Duration.ofSeconds(60), 100, clock);
        CachingMasterKey elsewhere = new CachingMasterKey(masterKey, Duration.ofSeconds(60), 100, clock);
        KeyVault vault = new KeyVault(database, MasterKeys.of(here));
        KeyVault otherInstance = new KeyVault(database, MasterKeys.of(elsewhere));
        vault.createKey("p-1/words", "p-1", "words");
        vault.createKey("p-2/words", "p-2", "words");
        KeyVault.Sealed one = vault.seal("p-1/words", "one").orElseThrow();
        KeyVault.Sealed two = vault.seal("p-2/words", "two").orElseThrow();
        int before = transit.decrypts.get();

        for (int i = 0; i < 5; i++) {
            assertThat(otherInstance.open("p-1/words", one.iv(), one.ciphertext())).contains("one");
            assertThat(otherInstance.open("p-2/words", two.iv(), two.ciphertext())).contains("two");
        }
        assertThat(transit.decrypts.get() - before).isEqualTo(2);
        clock.advance(Duration.ofSeconds(61));
        assertThat(otherInstance.open("p-1/words", one.iv(), one.ciphertext())).contains("one");
        assertThat(transit.decrypts.get() - before).as("unwrapped again after the time to live").isEqualTo(3);

        assertThat(here.held()).isEqualTo(2);
        vault.destroy("p-1/words");
        assertThat(here.held()).as("the destroying instance drops it at once").isEqualTo(1);
        assertThat(otherInstance.open("p-1/words", one.iv(), one.ciphertext()))
                .as("another instance holding it unwrapped opens nothing either").isEmpty();
        assertThat(otherInstance.open("p-2/words", two.iv(), two.ciphertext())).contains("two");
    }

    private static final class MutableClock extends java.time.Clock {
        private java.time.Instant now = java.time.Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }

    @Test
    void configuredByPropertiesProbedAtStartAndRefusedWhenItCannotWork(@TempDir Path temp) throws Exception {
        MasterKeyProperties keys = new MasterKeyProperties();
        keys.setMasterKey("");
        keys.getVault().setAddress(transit.address().toString());
        keys.getVault().setKeyName("consultation");
        Path tokenFile = Files.writeString(temp.resolve("token"), TOKEN + "\n");
        keys.getVault().setTokenFile(tokenFile.toString());
        StoreProperties store = new StoreProperties();
        store.setMongodbUri("mongodb://db.example:27017");

        MasterKeys configured = MasterKeySources.resolve(keys, store);
        assertThat(configured.current()).isInstanceOf(CachingMasterKey.class);
        assertThat(configured.current().id()).isEqualTo("vault-transit:transit/consultation");
        assertThat(transit.decrypts.get()).as("probed at start").isEqualTo(1);

        Files.writeString(tokenFile, "s.revoked\n");
        assertThatThrownBy(() -> MasterKeySources.resolve(keys, store)).isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("permission denied").hasMessageNotContaining("s.revoked");
        keys.getVault().setTokenFile("");
        keys.getVault().setToken(TOKEN);
        keys.getVault().setKeyName("no-such-key");
        assertThatThrownBy(() -> MasterKeySources.resolve(keys, store)).isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("encryption key not found");
        keys.getVault().setKeyName("");
        assertThatThrownBy(() -> MasterKeySources.resolve(keys, store)).isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("key-name is required");
    }

    @Test
    void rotatingFromALocalMasterKeyToVault() {
        LocalMasterKey local = LocalMasterKey.random();
        KeyVault before = new KeyVault(database, MasterKeys.of(local));
        before.createKey("p-1/identity", "p-1", "identity");
        KeyVault.Sealed name = before.seal("p-1/identity", "Jo Bloggs").orElseThrow();

        assertThat(new KeyVault(database, MasterKeys.rotating(local, masterKey)).bringUpToDate())
                .isEqualTo(new KeyVault.Upkeep(0, 1));

        KeyVault after = new KeyVault(database, MasterKeys.of(masterKey));
        after.bringUpToDate();
        assertThat(after.open("p-1/identity", name.iv(), name.ciphertext())).contains("Jo Bloggs");
    }
}
