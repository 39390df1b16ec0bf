package org.consultationtracker.system;

import org.consultationtracker.command.CommandSideApplication;
import org.consultationtracker.eventstore.embedded.EmbeddedMongoStore;
import org.consultationtracker.eventstore.privacy.LocalMasterKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service pointed at a store it cannot use, or without a usable master key, stops at start with one line saying
 * why, not a wall of stack traces.
 */
class BadStoreConfigurationTest {

    @Test
    void unreachableMongoDbStopsTheServiceWithOneLine() throws Exception {
        int closedPort = freePort();
        Result result = start("--consultation.store.mongodb-uri=mongodb://127.0.0.1:" + closedPort + "/?serverSelectionTimeoutMS=1500");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("The event store cannot start: MongoDB at mongodb://127.0.0.1:" + closedPort);
        assertThat(result.stackFrames()).isEmpty();
    }

    @Test
    void unwritableDataDirectoryStopsTheServiceWithOneLine(@TempDir Path temp) throws Exception {
        Path notADirectory = Files.writeString(temp.resolve("a-file"), "not a directory");
        Result result = start("--consultation.store.embedded.port=" + freePort(),
                              "--consultation.store.embedded.data-dir=" + notADirectory.resolve("data"));
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("The event store cannot start: cannot create the data directory");
        assertThat(result.stackFrames()).isEmpty();
    }

    @Test
    void aMasterKeyFileOthersCanReadStopsTheServiceWithOneLine(@TempDir Path temp) throws Exception {
        Path keys = Files.createDirectories(temp.resolve("data").resolve("keys"));
        Path keyFile = Files.writeString(keys.resolve("master.key"),
                                         Base64.getEncoder().encodeToString(LocalMasterKey.generate()) + "\n");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
        Result result = start("--consultation.store.embedded.port=" + freePort(),
                              "--consultation.store.embedded.data-dir=" + temp.resolve("data"));
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("The key vault cannot start: the master key file " + keyFile
                                             + " is open to group or others (rw-r--r--)");
        assertThat(result.stackFrames()).isEmpty();
    }

    @Test
    void aStoreWithNoMasterKeyConfiguredStopsTheServiceWithOneLine() throws Exception {
        try (EmbeddedMongoStore store = EmbeddedMongoStore.startInMemory()) {
            Result result = start("--consultation.store.mongodb-uri=" + store.uri());
            assertThat(result.exitCode()).isNotZero();
            assertThat(result.output()).contains("The key vault cannot start: no master key is configured");
            assertThat(result.stackFrames()).isEmpty();
        }
    }

    private record Result(int exitCode, String output) {
        List<String> stackFrames() {
            return output.lines().filter(line -> line.startsWith("\tat ")).toList();
        }
    }

    private static Result start(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                CommandSideApplication.class.getName(), "--server.port=0", "--server.address=127.0.0.1"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
