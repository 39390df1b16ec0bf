package org.consultationtracker.command.participant.privacy;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.consultationtracker.command.DomainRuleViolation;
import org.consultationtracker.command.InMemoryMongo;
import org.consultationtracker.events.EncryptedValue;
import org.consultationtracker.events.participant.ContributionPolicy;
import org.consultationtracker.eventstore.privacy.KeyVault;
import org.consultationtracker.eventstore.privacy.LocalMasterKey;
import org.consultationtracker.eventstore.privacy.MasterKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParticipantKeyVaultTest {

    private InMemoryMongo mongo;
    private MongoDatabase database;
    private ParticipantKeyVault vault;
    private final LocalMasterKey masterKey = LocalMasterKey.random();

    @BeforeEach
    void startServer() {
        mongo = new InMemoryMongo();
        database = mongo.database("vault-test");
        vault = new ParticipantKeyVault(new KeyVault(database, MasterKeys.of(masterKey)));
    }

    @AfterEach
    void stopServer() {
        mongo.close();
    }

    @Test
    void encryptsWithAFreshIvEveryTimeAndDecryptsBack() {
        vault.createKeys("p-1");
        EncryptedValue first = vault.encrypt(ParticipantKeyVault.identityKeyId("p-1"), "Jo Bloggs");
        EncryptedValue second = vault.encrypt(ParticipantKeyVault.identityKeyId("p-1"), "Jo Bloggs");

        assertThat(first.keyId()).isEqualTo("p-1/identity");
        assertThat(Base64.getDecoder().decode(first.iv())).hasSize(12);
        assertThat(first.iv()).isNotEqualTo(second.iv());
        assertThat(first.ciphertext()).isNotEqualTo(second.ciphertext());
        assertThat(new String(Base64.getDecoder().decode(first.ciphertext()), java.nio.charset.StandardCharsets.ISO_8859_1))
                .as("the clear text does not appear in the ciphertext").doesNotContain("Jo Bloggs");
        assertThat(vault.decrypt(first)).contains("Jo Bloggs");
        assertThat(vault.decrypt(second)).contains("Jo Bloggs");
    }

    @Test
    void keysAre256BitsWrappedByTheMasterKeyAndLiveOutsideTheEventStoreInParticipantKeys() {
        vault.createKeys("p-1");
        Document identity = database.getCollection("participant_keys").find(Filters.eq("_id", "p-1/identity")).first();
        assertThat(identity).isNotNull();
        assertThat(identity.getString("ownerId")).isEqualTo("p-1");
        assertThat(identity).doesNotContainKey("key").containsEntry("wrappedBy", masterKey.id());
        assertThat(masterKey.unwrap(identity.getString("wrappedKey"), "p-1/identity")).hasSize(32);
        assertThat(database.getCollection("participant_keys").countDocuments()).isEqualTo(2);
    }

    @Test
    void aRetriedRegistrationKeepsTheFirstKeys() {
        vault.createKeys("p-1");
        EncryptedValue before = vault.encrypt(ParticipantKeyVault.wordsKeyId("p-1"), "my words");
        vault.createKeys("p-1");
        assertThat(vault.decrypt(before)).contains("my words");
    }

    @Test
    void aCiphertextCannotBePassedOffAsAnotherParticipants() {
        vault.createKeys("p-1");
        vault.createKeys("p-2");
        EncryptedValue real = vault.encrypt(ParticipantKeyVault.wordsKeyId("p-1"), "my words");
        EncryptedValue forged = new EncryptedValue("p-2/words", real.iv(), real.ciphertext());
        assertThatThrownBy(() -> vault.decrypt(forged)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void keepingWordsDestroysOnlyTheIdentityKey() {
        vault.createKeys("p-1");
        EncryptedValue name = vault.encrypt(ParticipantKeyVault.identityKeyId("p-1"), "Jo Bloggs");
        EncryptedValue words = vault.encrypt(ParticipantKeyVault.wordsKeyId("p-1"), "my words");

        vault.destroyKeys("p-1", ContributionPolicy.KEEP_WORDS_DROP_IDENTITY);

        assertThat(vault.decrypt(name)).isEmpty();
        assertThat(vault.decrypt(words)).contains("my words");
    }

    @Test
    void withdrawingWordsDestroysBothKeys() {
        vault.createKeys("p-1");
        EncryptedValue name = vault.encrypt(ParticipantKeyVault.identityKeyId("p-1"), "Jo Bloggs");
        EncryptedValue words = vault.encrypt(ParticipantKeyVault.wordsKeyId("p-1"), "my words");

        vault.destroyKeys("p-1", ContributionPolicy.WITHDRAW_WORDS);

        assertThat(vault.decrypt(name)).isEmpty();
        assertThat(vault.decrypt(words)).isEmpty();
        assertThat(database.getCollection("participant_keys").countDocuments(
                Filters.or(Filters.exists("key"), Filters.exists("wrappedKey"))))
                .as("no key material is left").isZero();
    }

    @Test
    void anErasedParticipantsKeysAreNeverMadeAgain() {
        assertThat(vault.createKeys("p-1")).isTrue();
        vault.destroyKeys("p-1", ContributionPolicy.WITHDRAW_WORDS);

        assertThat(vault.erased("p-1")).isTrue();
        assertThat(vault.createKeys("p-1")).as("a tombstone holds the key's place").isFalse();
        assertThat(vault.holdsKey(ParticipantKeyVault.identityKeyId("p-1"))).isFalse();
        assertThat(vault.holdsKey(ParticipantKeyVault.wordsKeyId("p-1"))).isFalse();
        vault.forgetKeys("p-1");
        assertThat(vault.erased("p-1")).as("forgetting never removes a tombstone").isTrue();
    }

    @Test
    void keysMadeForARefusedRegistrationCanBeForgotten() {
        assertThat(vault.createKeys("p-1")).isTrue();
        assertThat(vault.createKeys("p-1")).as("made by the first call only").isFalse();
        vault.forgetKeys("p-1");
        assertThat(database.getCollection("participant_keys").countDocuments()).isZero();
        assertThat(vault.erased("p-1")).isFalse();
    }

    @Test
    void nothingCanBeEncryptedForAParticipantWithoutKeys() {
        assertThatThrownBy(() -> vault.encrypt(ParticipantKeyVault.wordsKeyId("nobody"), "words"))
                .isInstanceOf(DomainRuleViolation.class)
                .hasMessage("no key nobody/words is held: the participant is not registered or has been erased");
    }
}
