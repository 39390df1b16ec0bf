package org.consultationtracker.system;

import org.consultationtracker.command.CommandSideApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A service pointed at a store it cannot use stops at start with one line saying why, not a wall of stack traces. */
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
