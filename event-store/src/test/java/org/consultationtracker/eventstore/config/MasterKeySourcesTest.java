package org.consultationtracker.eventstore.config;

import org.consultationtracker.eventstore.privacy.LocalMasterKey;
import org.consultationtracker.eventstore.privacy.MasterKeyException;
import org.consultationtracker.eventstore.privacy.MasterKeyFile;
import org.consultationtracker.eventstore.privacy.MasterKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which master key a service gets. The environment variables are the properties' defaults (read when the properties
 * are made), so setting the property here is what setting the variable does there.
 */
class MasterKeySourcesTest {

    @TempDir
    Path temp;

    private MasterKeyProperties keys;
    private StoreProperties store;

    @BeforeEach
    void noEnvironment() {
        keys = new MasterKeyProperties();
        keys.setMasterKey("");
        keys.setPreviousMasterKey("");
        keys.getVault().setToken("");
        store = new StoreProperties();
        store.setMongodbUri("");
        store.getEmbedded().setDataDir(temp.resolve("data").toString());
    }

    @Test
    void theEmbeddedStoreOnDiskKeepsItsKeyInTheDataDirectoryMadeOnFirstStart() {
        MasterKeys first = MasterKeySources.resolve(keys, store);

        Path file = temp.resolve("data/keys/master.key");
        assertThat(file).exists();
        assertThat(first.current().id()).isEqualTo(MasterKeyFile.load(file).orElseThrow().id());
        assertThat(first.previous()).isEmpty();
        assertThat(MasterKeySources.resolve(keys, store).current().id()).isEqualTo(first.current().id());
    }

    @Test
    void aLostKeyFileIsNotMadeAfreshWhenTheVaultHoldsWrappedKeys() {
        assertThatThrownBy(() -> MasterKeySources.resolve(keys, store, () -> true))
                .isInstanceOf(MasterKeyException.class).hasMessageContaining("does not exist")
                .hasMessageContaining("Restore the file from its backup");
        assertThat(temp.resolve("data/keys/master.key")).doesNotExist();
    }

    @Test
    void theEnvironmentVariableWinsOverTheFileAndLeavesItAlone() {
        String base64 = Base64.getEncoder().encodeToString(LocalMasterKey.generate());
        keys.setMasterKey(base64);

        MasterKeys resolved = MasterKeySources.resolve(keys, store);

        assertThat(resolved.current().id()).isEqualTo(LocalMasterKey.fromBase64(base64, "test").id());
        assertThat(temp.resolve("data/keys")).doesNotExist();

        keys.setMasterKey("");
        String fileKey = MasterKeySources.resolve(keys, store).current().id();
        keys.setMasterKey(base64);
        assertThat(MasterKeySources.resolve(keys, store).current().id()).isEqualTo(resolved.current().id())
                .isNotEqualTo(fileKey);
    }

    @Test
    void aMalformedEnvironmentKeyIsRefusedWithoutRepeatingIt() {
        keys.setMasterKey("bm90IGEga2V5");
        assertThatThrownBy(() -> MasterKeySources.resolve(keys, store)).isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("CONSULTATION_MASTER_KEY").hasMessageNotContaining("bm90IGEga2V5");
    }

    @Test
    void anExternalMongoDbWithNoKeyConfiguredRefusesToStart() {
        store.setMongodbUri("mongodb://db.example:27017");
        assertThatThrownBy(() -> MasterKeySources.resolve(keys, store)).isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("no master key is configured").hasMessageContaining("CONSULTATION_MASTER_KEY");
    }

    @Test
    void theInMemoryStoreOrAnExplicitRequestGetsAKeyForThisProcessOnly() {
        store.getEmbedded().setInMemory(true);
        MasterKeys inMemory = MasterKeySources.resolve(keys, store);
        assertThat(MasterKeySources.resolve(keys, store).current().id()).isNotEqualTo(inMemory.current().id());

        store.getEmbedded().setInMemory(false);
        store.setMongodbUri("mongodb://127.0.0.1:1");
        keys.setEphemeral(true);
        assertThat(MasterKeySources.resolve(keys, store).current().id()).startsWith("local:");
        assertThat(temp.resolve("data")).doesNotExist();
    }

    @Test
    void aConfiguredKeyFileIsUsedWhateverTheStore() {
        store.setMongodbUri("mongodb://db.example:27017");
        keys.setFile(temp.resolve("elsewhere/master.key").toString());

        String id = MasterKeySources.resolve(keys, store).current().id();

        assertThat(MasterKeyFile.load(temp.resolve("elsewhere/master.key")).orElseThrow().id()).isEqualTo(id);
    }

    @Test
    void thePreviousKeySitsBesideTheCurrentOneDuringARotation() throws Exception {
        Path file = temp.resolve("data/keys/master.key");
        String old = MasterKeySources.resolve(keys, store).current().id();
        Files.move(file, file.resolveSibling("master.key.previous"));

        MasterKeys rotating = MasterKeySources.resolve(keys, store);

        assertThat(rotating.previous().orElseThrow().id()).isEqualTo(old);
        assertThat(rotating.current().id()).isNotEqualTo(old);
    }

    @Test
    void thePreviousKeyFromTheEnvironment() {
        String previous = Base64.getEncoder().encodeToString(LocalMasterKey.generate());
        keys.setPreviousMasterKey(previous);
        keys.setMasterKey(Base64.getEncoder().encodeToString(LocalMasterKey.generate()));

        MasterKeys rotating = MasterKeySources.resolve(keys, store);

        assertThat(rotating.previous().orElseThrow().id()).isEqualTo(LocalMasterKey.fromBase64(previous, "t").id());
    }
}
