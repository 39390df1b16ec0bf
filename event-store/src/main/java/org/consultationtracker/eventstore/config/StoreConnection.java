package org.consultationtracker.eventstore.config;

import org.consultationtracker.eventstore.embedded.EmbeddedMongoStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * Decides which MongoDB the service talks to: the configured URI, an embedded store another process already hosts on
 * the configured port, or an embedded store this process hosts. From here on every code path is the same.
 */
public final class StoreConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StoreConnection.class);

    private final String uri;
    private final EmbeddedMongoStore hosted;

    private StoreConnection(String uri, EmbeddedMongoStore hosted) {
        this.uri = uri;
        this.hosted = hosted;
    }

    public static StoreConnection resolve(StoreProperties properties) {
        if (properties.getMongodbUri() != null && !properties.getMongodbUri().isBlank()) {
            return new StoreConnection(properties.getMongodbUri(), null);
        }
        StoreProperties.Embedded embedded = properties.getEmbedded();
        if (embedded.isInMemory()) {
            EmbeddedMongoStore store = EmbeddedMongoStore.startInMemory();
            log.info("Hosting an in-memory embedded store at {}", store.uri());
            return new StoreConnection(store.uri(), store);
        }
        if (EmbeddedMongoStore.isListening(embedded.getHost(), embedded.getPort())) {
            String uri = EmbeddedMongoStore.uriFor(embedded.getHost(), embedded.getPort());
            log.info("Joining the embedded store already listening at {}", uri);
            return new StoreConnection(uri, null);
        }
        EmbeddedMongoStore store = EmbeddedMongoStore.startFileBacked(
                Path.of(embedded.getDataDir()), embedded.getHost(), embedded.getPort());
        log.info("Hosting the embedded store at {} ({})", store.uri(), store.description());
        return new StoreConnection(store.uri(), store);
    }

    public String uri() {
        return uri;
    }

    public boolean isHostedHere() {
        return hosted != null;
    }

    /** The URI without credentials, for logs and error messages. */
    public String redactedUri() {
        return uri.replaceAll("//[^@/]*@", "//***@");
    }

    @Override
    public void close() {
        if (hosted != null) {
            hosted.close();
        }
    }
}
