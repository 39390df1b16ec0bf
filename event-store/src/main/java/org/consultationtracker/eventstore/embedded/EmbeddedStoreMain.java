package org.consultationtracker.eventstore.embedded;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the file-backed embedded store as a process of its own, so both services can come and go while the store
 * stays up. Used by the run script; stops cleanly on Ctrl-C or SIGTERM.
 *
 * <p>Settings: {@code CONSULTATION_DATA_DIR} (default {@code ./data}), {@code CONSULTATION_STORE_PORT} (default 27317),
 * {@code CONSULTATION_STORE_CACHE_MB} (the file backend's page cache; default a quarter of the maximum heap).
 */
public final class EmbeddedStoreMain {

    public static final int DEFAULT_PORT = 27317;

    private EmbeddedStoreMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dataDirectory = Path.of(environment("CONSULTATION_DATA_DIR", "data"));
        int port = Integer.parseInt(environment("CONSULTATION_STORE_PORT", String.valueOf(DEFAULT_PORT)));
        EmbeddedMongoStore store;
        try {
            store = EmbeddedMongoStore.startFileBacked(dataDirectory, "127.0.0.1", port);
        } catch (EmbeddedStoreException e) {
            System.err.println("Embedded store failed to start: " + e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            store.close();
            stopped.countDown();
        }, "embedded-store-shutdown"));
        System.out.println("Embedded store listening on " + store.uri() + " (" + store.description() + ")");
        stopped.await();
    }

    /** An environment variable, or the fallback when it is unset or blank. */
    public static String environment(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
