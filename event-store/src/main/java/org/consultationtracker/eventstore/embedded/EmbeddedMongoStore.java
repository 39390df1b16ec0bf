package org.consultationtracker.eventstore.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The embedded MongoDB-wire-compatible server used when no MONGODB_URI is configured. Services always talk to it over
 * the wire through the ordinary driver, exactly as to a real MongoDB; the only difference is the URI.
 *
 * <p>File-backed (H2, committed on every write) for runs, so a restart loses nothing; in memory for tests and
 * benchmarks. A service started without a URI joins a server already listening on the configured port (the other
 * service's, or the one the run script starts) and hosts one itself only when nobody does.
 */
public final class EmbeddedMongoStore implements AutoCloseable {

    public static final String STORE_FILE = "consultation-store.mv.db";

    private final MongoServer server;
    private final InetSocketAddress address;
    private final String description;

    private EmbeddedMongoStore(MongoServer server, InetSocketAddress address, String description) {
        this.server = server;
        this.address = address;
        this.description = description;
    }

    /** Starts a file-backed server keeping its data under {@code dataDirectory}. */
    public static EmbeddedMongoStore startFileBacked(Path dataDirectory, String host, int port) {
        Path file = prepareDataDirectory(dataDirectory).resolve(STORE_FILE);
        int cacheMegabytes = DurableH2Backend.cacheMegabytes(System.getenv("CONSULTATION_STORE_CACHE_MB"),
                                                             Runtime.getRuntime().maxMemory());
        MongoBackend backend;
        try {
            backend = new DurableH2Backend(file.toString(), cacheMegabytes);
        } catch (RuntimeException e) {
            throw new EmbeddedStoreException("cannot open the store file " + file + " (" + rootMessage(e) + ")", e);
        }
        return start(backend, host, port, "file " + file + ", page cache " + cacheMegabytes + " MB");
    }

    /** Starts a server that keeps everything in memory, on a free port of 127.0.0.1. */
    public static EmbeddedMongoStore startInMemory() {
        return start(new MemoryBackend(), "127.0.0.1", 0, "memory");
    }

    private static EmbeddedMongoStore start(MongoBackend backend, String host, int port, String description) {
        MongoServer server = new MongoServer(backend);
        try {
            server.bind(host, port);
        } catch (RuntimeException e) {
            server.shutdownNow();
            throw new EmbeddedStoreException("cannot listen on " + host + ":" + port + " (" + rootMessage(e) + ")", e);
        }
        return new EmbeddedMongoStore(server, server.getLocalAddress(), description);
    }

    /** True when something accepts connections on that address (a store hosted by another process). */
    public static boolean isListening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static String uriFor(String host, int port) {
        return "mongodb://" + host + ":" + port + "/?directConnection=true";
    }

    public String uri() {
        return uriFor(address.getHostString(), address.getPort());
    }

    public int port() {
        return address.getPort();
    }

    public String description() {
        return description;
    }

    @Override
    public void close() {
        server.shutdown();
    }

    private static Path prepareDataDirectory(Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException | RuntimeException e) {
            throw new EmbeddedStoreException("cannot create the data directory " + dataDirectory.toAbsolutePath()
                                                     + " (" + rootMessage(e) + ")", e);
        }
        if (!Files.isWritable(dataDirectory)) {
            throw new EmbeddedStoreException("the data directory " + dataDirectory.toAbsolutePath()
                                                     + " is not writable", null);
        }
        return dataDirectory;
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
