package org.consultationtracker.access;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One in-memory MongoDB (mongo-java-server) on 127.0.0.1 and a free port for the whole test run, so that two
 * application contexts — two instances of a service — can share one database through real connections.
 */
final class TestMongo {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static MongoServer server;
    private static String uri;

    private TestMongo() {
    }

    static synchronized String uri() {
        if (server == null) {
            MongoServer started = new MongoServer(new MemoryBackend());
            started.bind("127.0.0.1", freePort());
            InetSocketAddress address = started.getLocalAddress();
            uri = "mongodb://127.0.0.1:" + address.getPort();
            server = started;
            Runtime.getRuntime().addShutdownHook(new Thread(started::shutdownNow));
        }
        return uri;
    }

    /** A database of its own for a test class (or a group of instances that share one). */
    static String freshDatabase() {
        return "access_test_" + DATABASES.incrementAndGet();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
