package org.consultationtracker.eventstore.privacy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MasterKeyFileTest {

    @TempDir
    Path temp;

    @Test
    void madeOnFirstStartReadableByItsOwnerOnlyAndTheSameKeyAfterwards() throws Exception {
        Path file = temp.resolve("data").resolve("keys").resolve("master.key");

        LocalMasterKey made = MasterKeyFile.loadOrCreate(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        assertThat(Files.readString(file).strip()).matches("[A-Za-z0-9+/]{43}=");
        assertThat(MasterKeyFile.loadOrCreate(file).id()).isEqualTo(made.id());
        try (var left = Files.list(file.getParent())) {
            assertThat(left.map(path -> path.getFileName().toString())).containsExactly("master.key");
        }
    }

    @Test
    void aKeyFileGroupOrOthersCanReadIsRefused() throws Exception {
        Path file = temp.resolve("master.key");
        MasterKeyFile.loadOrCreate(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> MasterKeyFile.loadOrCreate(file)).isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("open to group or others (rw-r--r--)").hasMessageContaining("chmod 600");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));
        assertThatThrownBy(() -> MasterKeyFile.load(file)).isInstanceOf(MasterKeyException.class);
    }

    @Test
    void aFileThatIsNotAKeyIsRefusedWithoutRepeatingIt() throws Exception {
        Path file = temp.resolve("master.key");
        Files.writeString(file, "c2VjcmV0LWJ1dC1zaG9ydA==\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        assertThatThrownBy(() -> MasterKeyFile.load(file)).isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("must be base64 of 32 bytes").hasMessageNotContaining("c2VjcmV0");
    }

    @Test
    void aMissingPreviousKeyIsNotMade() {
        assertThat(MasterKeyFile.load(temp.resolve("master.key.previous"))).isEmpty();
        assertThat(Files.exists(temp.resolve("master.key.previous"))).isFalse();
    }

    @Test
    void processesStartingAtOnceEndWithOneKey() throws Exception {
        for (int round = 0; round < 20; round++) {
            Path file = temp.resolve("round-" + round).resolve("keys").resolve("master.key");
            int starters = 8;
            ExecutorService threads = Executors.newFixedThreadPool(starters);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<String>> ids = new ArrayList<>();
                for (int i = 0; i < starters; i++) {
                    ids.add(threads.submit(() -> {
                        start.await();
                        return MasterKeyFile.loadOrCreate(file).id();
                    }));
                }
                start.countDown();
                Set<String> distinct = ids.stream().map(future -> {
                    try {
                        return future.get();
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }).collect(Collectors.toSet());
                assertThat(distinct).as("round " + round).hasSize(1)
                        .containsExactly(MasterKeyFile.load(file).orElseThrow().id());
                try (var left = Files.list(file.getParent())) {
                    assertThat(left.count()).as("no temporary file left").isEqualTo(1);
                }
            } finally {
                threads.shutdownNow();
            }
        }
    }
}
