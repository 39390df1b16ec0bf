package org.consultationtracker.eventstore.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The file-backed store answers a write only once it is on disk, also when concurrent writes share one commit: the
 * store process killed with SIGKILL in the middle of many concurrent inserts and updates still holds, after a restart
 * on the same files, every write it acknowledged.
 */
class KilledFileStoreTest {

    private static final int WRITERS = 8;

    @TempDir
    Path data;

    @Test
    void everyAcknowledgedWriteSurvivesTheStoreBeingKilled() throws Exception {
        int port = freePort();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Process store = startStore(port);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port + "/?retryWrites=false")) {
            MongoCollection<Document> notes = client.getDatabase("kill").getCollection("notes");
            MongoCollection<Document> counters = client.getDatabase("kill").getCollection("counters");
            AtomicBoolean killed = new AtomicBoolean();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                Thread thread = new Thread(() -> {
                    for (int i = 0; !killed.get(); i++) {
                        String id = writer + "-" + i;
                        try {
                            notes.insertOne(new Document("_id", id).append("text", "note " + id));
                            counters.updateOne(new Document("_id", "writer-" + writer),
                                    new Document("$set", new Document("last", i)),
                                    new com.mongodb.client.model.UpdateOptions().upsert(true));
                            acknowledged.add(id);
                        } catch (RuntimeException e) {
                            return; // the store is gone
                        }
                    }
                });
                writers.add(thread);
                thread.start();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (acknowledged.size() < 400 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            store.destroyForcibly(); // SIGKILL: no shutdown hook, no final commit
            store.waitFor(30, TimeUnit.SECONDS);
            killed.set(true);
            for (Thread thread : writers) {
                thread.join(30_000);
            }
        } finally {
            store.destroyForcibly();
        }
        assertThat(acknowledged).as("the writers made progress before the kill").hasSizeGreaterThanOrEqualTo(400);

        Process restarted = startStore(port);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            Set<String> stored = ConcurrentHashMap.newKeySet();
            client.getDatabase("kill").getCollection("notes").find().forEach(d -> stored.add(d.getString("_id")));
            assertThat(stored).containsAll(acknowledged);
            for (Document counter : client.getDatabase("kill").getCollection("counters").find()) {
                String writer = counter.getString("_id").substring("writer-".length());
                int last = counter.getInteger("last");
                assertThat(stored).as("the insert acknowledged before this update").contains(writer + "-" + last);
            }
        } finally {
            restarted.destroy();
            restarted.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Process startStore(int port) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                EmbeddedStoreMain.class.getName()).redirectErrorStream(true)
                .redirectOutput(data.resolve("store-" + System.nanoTime() + ".log").toFile());
        builder.environment().put("CONSULTATION_DATA_DIR", data.toString());
        builder.environment().put("CONSULTATION_STORE_PORT", Integer.toString(port));
        Process process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return process;
            } catch (IOException e) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the store exited with " + process.exitValue());
                }
                Thread.sleep(100);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("the store did not listen within 120 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
