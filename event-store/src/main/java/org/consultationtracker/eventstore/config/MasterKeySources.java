package org.consultationtracker.eventstore.config;

import org.consultationtracker.eventstore.embedded.EmbeddedStoreMain;
import org.consultationtracker.eventstore.privacy.CachingMasterKey;
import org.consultationtracker.eventstore.privacy.LocalMasterKey;
import org.consultationtracker.eventstore.privacy.MasterKey;
import org.consultationtracker.eventstore.privacy.MasterKeyException;
import org.consultationtracker.eventstore.privacy.MasterKeyFile;
import org.consultationtracker.eventstore.privacy.MasterKeys;
import org.consultationtracker.eventstore.privacy.VaultTransitMasterKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Picks the master key. The current one, first configured wins:
 * <ol>
 * <li>{@code CONSULTATION_MASTER_KEY} ({@code consultation.keys.master-key});</li>
 * <li>Vault's Transit engine, when {@code consultation.keys.vault.address} is set;</li>
 * <li>the file {@code consultation.keys.file};</li>
 * <li>a random key for this process, when asked for ({@code consultation.keys.ephemeral}) or when the store is the
 * in-memory one, which forgets everything at exit anyway;</li>
 * <li>the file {@code <data dir>/keys/master.key} when there is a data directory ({@code CONSULTATION_DATA_DIR} is
 * set, or the service uses the embedded store on disk), made on first start.</li>
 * </ol>
 * With none of these the service refuses to start: a silent random key would make every value sealed today
 * unreadable after the next restart.
 *
 * <p>The previous key (only during a rotation): {@code CONSULTATION_MASTER_KEY_PREVIOUS}, else the file
 * {@code consultation.keys.previous-file}, else the current key file's sibling {@code master.key.previous} if present.
 */
public final class MasterKeySources {

    private static final Logger log = LoggerFactory.getLogger(MasterKeySources.class);

    private MasterKeySources() {
    }

    /** For a store whose key vault holds no wrapped key yet. */
    public static MasterKeys resolve(MasterKeyProperties keys, StoreProperties store) {
        return resolve(keys, store, () -> false);
    }

    /**
     * @param vaultHoldsWrappedKeys whether the key vault already holds wrapped keys: then a missing key file is not
     *                              made afresh (a new key would open none of them) but refuses the start
     */
    public static MasterKeys resolve(MasterKeyProperties keys, StoreProperties store,
                                     BooleanSupplier vaultHoldsWrappedKeys) {
        Optional<Path> keyFile = keyFile(keys, store);
        Current chosen = current(keys, store, keyFile, vaultHoldsWrappedKeys);
        MasterKey current = chosen.key();
        Optional<MasterKey> previous = previous(keys, chosen.fromFile() ? keyFile : Optional.empty());
        previous.ifPresent(key -> log.info("Previous master key {}: keys it wrapped are re-wrapped under {}", key.id(),
                                           current.id()));
        return new MasterKeys(current, previous);
    }

    private record Current(MasterKey key, boolean fromFile) {
    }

    private static Current current(MasterKeyProperties keys, StoreProperties store, Optional<Path> keyFile,
                                   BooleanSupplier vaultHoldsWrappedKeys) {
        if (!keys.getMasterKey().isBlank()) {
            MasterKey key = LocalMasterKey.fromBase64(keys.getMasterKey(),
                                                      "CONSULTATION_MASTER_KEY (consultation.keys.master-key)");
            log.info("Master key {} from CONSULTATION_MASTER_KEY (consultation.keys.master-key)", key.id());
            return new Current(key, false);
        }
        if (!keys.getVault().getAddress().isBlank()) {
            MasterKey key = vault(keys.getVault());
            log.info("Master key {} held by Vault at {}", key.id(), keys.getVault().getAddress());
            return new Current(key, false);
        }
        if (!keys.getFile().isBlank()) {
            return new Current(fromFile(keyFile.orElseThrow(), vaultHoldsWrappedKeys), true);
        }
        if (keys.isEphemeral() || store.getEmbedded().isInMemory() && store.getMongodbUri().isBlank()) {
            MasterKey key = LocalMasterKey.random();
            log.info("Master key {}: random, for this process only ({}); nothing it wraps opens after exit", key.id(),
                     keys.isEphemeral() ? "consultation.keys.ephemeral" : "in-memory store");
            return new Current(key, false);
        }
        if (keyFile.isPresent()) {
            return new Current(fromFile(keyFile.get(), vaultHoldsWrappedKeys), true);
        }
        throw new MasterKeyException("no master key is configured for the key vault. Set CONSULTATION_MASTER_KEY "
                                     + "(base64 of 32 bytes), consultation.keys.file, CONSULTATION_DATA_DIR (the key "
                                     + "is then kept in <data dir>/keys/master.key, made on first start) or "
                                     + "consultation.keys.vault.address");
    }

    private static MasterKey fromFile(Path file, BooleanSupplier vaultHoldsWrappedKeys) {
        boolean existed = Files.exists(file);
        // Looked at again after the vault: another service starting at once may have just made the file and wrapped
        // its first keys.
        if (!existed && vaultHoldsWrappedKeys.getAsBoolean() && !Files.exists(file)) {
            throw new MasterKeyException("the master key file " + file + " does not exist, but the key vault holds "
                                         + "keys wrapped by a master key. Restore the file from its backup (or give "
                                         + "the key another way); a new key would open none of them");
        }
        MasterKey key = MasterKeyFile.loadOrCreate(file);
        log.info("Master key {} from {}{}", key.id(), file, existed ? "" : " (made now: back it up apart from the "
                                                                            + "database, see docs/operations.md)");
        return key;
    }

    /** @param keyFile the current key's file, when the current key came from one */
    private static Optional<MasterKey> previous(MasterKeyProperties keys, Optional<Path> keyFile) {
        if (!keys.getPreviousMasterKey().isBlank()) {
            return Optional.of(LocalMasterKey.fromBase64(
                    keys.getPreviousMasterKey(), "CONSULTATION_MASTER_KEY_PREVIOUS (consultation.keys.previous-master-key)"));
        }
        if (!keys.getPreviousFile().isBlank()) {
            Path file = Path.of(keys.getPreviousFile());
            return Optional.of(MasterKeyFile.load(file).orElseThrow(() -> new MasterKeyException(
                    "the previous master key file " + file + " (consultation.keys.previous-file) does not exist")));
        }
        if (keyFile.isPresent()) {
            Path sibling = keyFile.get().resolveSibling(keyFile.get().getFileName() + ".previous");
            return MasterKeyFile.load(sibling).map(key -> key);
        }
        return Optional.empty();
    }

    /** The configured key file, or the data directory's when there is one. */
    static Optional<Path> keyFile(MasterKeyProperties keys, StoreProperties store) {
        if (!keys.getFile().isBlank()) {
            return Optional.of(Path.of(keys.getFile()));
        }
        boolean dataDirectorySet = !EmbeddedStoreMain.environment("CONSULTATION_DATA_DIR", "").isBlank();
        boolean embeddedOnDisk = store.getMongodbUri().isBlank() && !store.getEmbedded().isInMemory();
        if (dataDirectorySet || embeddedOnDisk) {
            return Optional.of(Path.of(store.getEmbedded().getDataDir(), "keys", "master.key"));
        }
        return Optional.empty();
    }

    private static MasterKey vault(MasterKeyProperties.Vault vault) {
        if (vault.getKeyName().isBlank()) {
            throw new MasterKeyException("consultation.keys.vault.key-name is required with "
                                         + "consultation.keys.vault.address");
        }
        Supplier<String> token;
        if (!vault.getTokenFile().isBlank()) {
            Path tokenFile = Path.of(vault.getTokenFile());
            token = () -> {
                try {
                    return Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
                } catch (IOException e) {
                    throw new MasterKeyException("cannot read the Vault token file " + tokenFile, e);
                }
            };
            token.get(); // refuse the start now rather than at the first use
        } else if (!vault.getToken().isBlank()) {
            String value = vault.getToken();
            token = () -> value;
        } else {
            throw new MasterKeyException("a Vault token is required: consultation.keys.vault.token-file, "
                                         + "consultation.keys.vault.token or VAULT_TOKEN");
        }
        URI address;
        try {
            address = URI.create(vault.getAddress());
        } catch (IllegalArgumentException e) {
            throw new MasterKeyException("consultation.keys.vault.address is not a URI");
        }
        MasterKey key = new VaultTransitMasterKey(address, vault.getMount(), vault.getKeyName(), token,
                                                  vault.getTimeout());
        // One round trip now, so a wrong address, token, mount or key name refuses the start instead of the first
        // registration.
        byte[] probe = LocalMasterKey.generate();
        if (!Arrays.equals(probe, key.unwrap(key.wrap(probe, "startup-probe"), "startup-probe"))) {
            throw new MasterKeyException("Vault's transit key " + key.id() + " does not give back what it wrapped");
        }
        if (vault.getCacheTtl().isZero() || vault.getCacheTtl().isNegative() || vault.getCacheSize() <= 0) {
            return key;
        }
        return new CachingMasterKey(key, vault.getCacheTtl(), vault.getCacheSize(), Clock.systemUTC());
    }
}
