package org.consultationtracker.eventstore.config;

import org.consultationtracker.eventstore.embedded.EmbeddedStoreMain;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Where the store lives and how the engine behaves. The environment variables the run script and the store process
 * use (MONGODB_URI, CONSULTATION_DATA_DIR, CONSULTATION_STORE_PORT) are the defaults, so one setting reaches the store
 * process and both services alike; Spring properties still override them.
 *
 * <p> With no {@code mongodb-uri} (environment variable MONGODB_URI)
 * the services use the embedded store; nothing else changes between the two.
 */
@ConfigurationProperties(prefix = "consultation.store")
public class StoreProperties {

    /** A MongoDB connection string; empty means "use the embedded store". Defaults to MONGODB_URI. */
    private String mongodbUri = EmbeddedStoreMain.environment("MONGODB_URI", "");
    private String database = "consultation";
    /** How long an allocated position may stay empty before readers seal it as void and move on. */
    private Duration gapTimeout = Duration.ofSeconds(10);
    /** Events per read window, for tracking reads and aggregate loads. */
    private int batchSize = 100;
    /** How often the event store polls for events appended by other processes. */
    private Duration fetchDelay = Duration.ofMillis(100);
    private final Embedded embedded = new Embedded();

    public static class Embedded {
        private String host = "127.0.0.1";
        private int port = Integer.parseInt(EmbeddedStoreMain.environment("CONSULTATION_STORE_PORT",
                                                        String.valueOf(EmbeddedStoreMain.DEFAULT_PORT)));
        private String dataDir = EmbeddedStoreMain.environment("CONSULTATION_DATA_DIR", "data");
        /** Keep the embedded store in memory (tests): nothing survives the process. */
        private boolean inMemory = false;

        public String getHost() {
            return host;
        }

        public void setHost(String host) {
            this.host = host;
        }

        public int getPort() {
            return port;
        }

        public void setPort(int port) {
            this.port = port;
        }

        public String getDataDir() {
            return dataDir;
        }

        public void setDataDir(String dataDir) {
            this.dataDir = dataDir;
        }

        public boolean isInMemory() {
            return inMemory;
        }

        public void setInMemory(boolean inMemory) {
            this.inMemory = inMemory;
        }
    }

    public String getMongodbUri() {
        return mongodbUri;
    }

    public void setMongodbUri(String mongodbUri) {
        this.mongodbUri = mongodbUri;
    }

    public String getDatabase() {
        return database;
    }

    public void setDatabase(String database) {
        this.database = database;
    }

    public Duration getGapTimeout() {
        return gapTimeout;
    }

    public void setGapTimeout(Duration gapTimeout) {
        this.gapTimeout = gapTimeout;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public Duration getFetchDelay() {
        return fetchDelay;
    }

    public void setFetchDelay(Duration fetchDelay) {
        this.fetchDelay = fetchDelay;
    }

    public Embedded getEmbedded() {
        return embedded;
    }
}
