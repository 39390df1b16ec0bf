package org.consultationtracker.eventstore.config;

import org.consultationtracker.eventstore.embedded.EmbeddedStoreMain;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Where the master key that wraps the key vault's keys comes from (see {@link MasterKeySources} for the order, and
 * docs/operations.md). The environment variables are the defaults, like the store's; Spring properties override them.
 * The key itself is never logged: only its id.
 */
@ConfigurationProperties(prefix = "consultation.keys")
public class MasterKeyProperties {

    /** Base64 of 32 bytes; wins over every other source. Defaults to CONSULTATION_MASTER_KEY. */
    private String masterKey = EmbeddedStoreMain.environment("CONSULTATION_MASTER_KEY", "");
    /** During a rotation: the master key being replaced. Defaults to CONSULTATION_MASTER_KEY_PREVIOUS. */
    private String previousMasterKey = EmbeddedStoreMain.environment("CONSULTATION_MASTER_KEY_PREVIOUS", "");
    /** The master key file; empty means {@code <data dir>/keys/master.key} when there is a data directory. */
    private String file = "";
    /** During a rotation: the previous key's file; empty means the key file's name plus {@code .previous}. */
    private String previousFile = "";
    /**
     * A random master key for this process only. For tests on a store that does not outlive them; never for data
     * that must survive a restart. The in-memory embedded store gets one without asking.
     */
    private boolean ephemeral = false;
    private final Vault vault = new Vault();

    /** HashiCorp Vault's Transit secrets engine holds the master key; used when {@code address} is set. */
    public static class Vault {
        /** e.g. https://vault.example.org:8200 */
        private String address = "";
        /** A Vault token; defaults to VAULT_TOKEN. */
        private String token = EmbeddedStoreMain.environment("VAULT_TOKEN", "");
        /** A file holding the token (as a Vault agent writes it); read on every call, so renewals are picked up. */
        private String tokenFile = "";
        /** Where the Transit engine is mounted. */
        private String mount = "transit";
        /** The Transit key (type aes256-gcm96, the default) that wraps the vault's keys. */
        private String keyName = "";
        private Duration timeout = Duration.ofSeconds(5);
        /**
         * How long an unwrapped key is kept in memory (each unwrap is a round trip to Vault); 0 keeps none. A destroyed
         * key stops opening at once whatever this is; it bounds how long its bytes stay in another instance's memory.
         */
        private Duration cacheTtl = Duration.ofSeconds(60);
        /** At most this many unwrapped keys are kept. */
        private int cacheSize = 10_000;

        public String getAddress() {
            return address;
        }

        public void setAddress(String address) {
            this.address = address;
        }

        public String getToken() {
            return token;
        }

        public void setToken(String token) {
            this.token = token;
        }

        public String getTokenFile() {
            return tokenFile;
        }

        public void setTokenFile(String tokenFile) {
            this.tokenFile = tokenFile;
        }

        public String getMount() {
            return mount;
        }

        public void setMount(String mount) {
            this.mount = mount;
        }

        public String getKeyName() {
            return keyName;
        }

        public void setKeyName(String keyName) {
            this.keyName = keyName;
        }

        public Duration getCacheTtl() {
            return cacheTtl;
        }

        public void setCacheTtl(Duration cacheTtl) {
            this.cacheTtl = cacheTtl;
        }

        public int getCacheSize() {
            return cacheSize;
        }

        public void setCacheSize(int cacheSize) {
            this.cacheSize = cacheSize;
        }

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        @Override
        public String toString() {
            return "Vault[" + address + ", " + mount + "/" + keyName + "]";
        }
    }

    public String getMasterKey() {
        return masterKey;
    }

    public void setMasterKey(String masterKey) {
        this.masterKey = masterKey;
    }

    public String getPreviousMasterKey() {
        return previousMasterKey;
    }

    public void setPreviousMasterKey(String previousMasterKey) {
        this.previousMasterKey = previousMasterKey;
    }

    public String getFile() {
        return file;
    }

    public void setFile(String file) {
        this.file = file;
    }

    public String getPreviousFile() {
        return previousFile;
    }

    public void setPreviousFile(String previousFile) {
        this.previousFile = previousFile;
    }

    public boolean isEphemeral() {
        return ephemeral;
    }

    public void setEphemeral(boolean ephemeral) {
        this.ephemeral = ephemeral;
    }

    public Vault getVault() {
        return vault;
    }

    /** Never the keys themselves. */
    @Override
    public String toString() {
        return "MasterKeyProperties[file=" + file + ", previousFile=" + previousFile + ", ephemeral=" + ephemeral
               + ", " + vault + "]";
    }
}
