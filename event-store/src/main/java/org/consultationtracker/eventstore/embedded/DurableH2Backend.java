package org.consultationtracker.eventstore.embedded;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded server's file backend, committing to disk before every write is answered instead of H2's default of
 * once a second. An acknowledged write must survive the store's process being killed: that is the promise the event
 * store makes to everyone who gave their words.
 *
 * <p>Writes answered together share a commit (group commit). A commit rewrites every file page changed since the
 * last one, serialising the whole page, so one commit per write made concurrent writes to the same pages (the tail of
 * the commits, the idempotency keys, the position counter) serialise those pages again for each write. Now a write,
 * once applied, waits for a commit that started after it was applied: a writer that finds no commit running starts
 * one for every write applied so far, the others wait for it (or for the next). No write is answered before a commit
 * that includes it.
 */
final class DurableH2Backend extends H2Backend {

    private static final Set<String> WRITE_COMMANDS = Set.of(
            "insert", "update", "delete", "findandmodify", "createindexes", "dropindexes", "drop", "create");

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition committed = lock.newCondition();
    /** Writes applied so far, numbered; a write takes its number after it was applied. */
    private long applied;
    /** Every write numbered up to this one is on disk. */
    private long durable;
    private boolean committing;

    /**
     * Opens the store file with a page cache of {@code cacheMegabytes}: H2's default of 16 MB holds a few thousand
     * documents, so on a national consultation's store almost every read by key decoded its page from the file again.
     */
    DurableH2Backend(String fileName, int cacheMegabytes) {
        super(new MVStore.Builder().fileName(fileName).cacheSize(cacheMegabytes).open());
    }

    /**
     * The page cache size: {@code CONSULTATION_STORE_CACHE_MB} if set, else a quarter of the heap the process may
     * use, at least H2's default of 16 MB and at most 4 GB.
     */
    static int cacheMegabytes(String configured, long maxHeapBytes) {
        if (configured == null || configured.isBlank()) {
            long quarter = maxHeapBytes / 4 / (1024 * 1024);
            return (int) Math.max(16, Math.min(4096, quarter));
        }
        try {
            int megabytes = Integer.parseInt(configured.strip());
            if (megabytes >= 1) {
                return megabytes;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new EmbeddedStoreException("CONSULTATION_STORE_CACHE_MB must be a whole number of megabytes, 1 or more "
                + "(was '" + configured + "')", null);
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        Document response = super.handleCommand(channel, databaseName, command, query);
        if (WRITE_COMMANDS.contains(command.toLowerCase(Locale.ROOT))) {
            commitIncluding(number());
        }
        return response;
    }

    private long number() {
        lock.lock();
        try {
            return ++applied;
        } finally {
            lock.unlock();
        }
    }

    /** Returns once a commit that started after write number {@code write} was applied has finished. */
    private void commitIncluding(long write) {
        lock.lock();
        try {
            while (durable < write) {
                if (committing) {
                    committed.awaitUninterruptibly(); // applied: never answered before its commit
                    continue;
                }
                committing = true;
                long upTo = applied; // every write numbered so far was applied before this commit starts
                lock.unlock();
                try {
                    commit();
                } finally {
                    lock.lock();
                    committing = false;
                    committed.signalAll();
                }
                durable = Math.max(durable, upTo); // (not reached if the commit failed: the writer sees the error)
            }
        } finally {
            lock.unlock();
        }
    }
}
