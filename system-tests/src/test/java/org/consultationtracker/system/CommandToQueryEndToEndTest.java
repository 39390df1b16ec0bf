package org.consultationtracker.system;

import org.consultationtracker.command.CommandSideApplication;
import org.consultationtracker.eventstore.embedded.EmbeddedMongoStore;
import org.consultationtracker.eventstore.verify.ChainVerifier;
import org.consultationtracker.query.QuerySideApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both services on one embedded store, talking to it over the wire exactly as to a real MongoDB: a command through
 * the command side's HTTP API becomes an event that the query side's projection shows through its own HTTP API.
 */
class CommandToQueryEndToEndTest {

    private static EmbeddedMongoStore store;
    private static ConfigurableApplicationContext commandSide;
    private static ConfigurableApplicationContext querySide;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startBothServices() {
        store = EmbeddedMongoStore.startInMemory();
        String[] common = {"--server.port=0", "--server.address=127.0.0.1",
                "--consultation.store.mongodb-uri=" + store.uri(), "--consultation.store.fetch-delay=50ms",
                "--consultation.keys.master-key=" + SharedMasterKey.BASE64};
        commandSide = CommandSideApplication.builder().run(common);
        querySide = QuerySideApplication.builder().run(common);
    }

    @AfterAll
    static void stopBothServices() {
        if (querySide != null) {
            querySide.close();
        }
        if (commandSide != null) {
            commandSide.close();
        }
        store.close();
    }

    @Test
    void consultationStartedThroughTheCommandApiAppearsInTheQuerySideAuditLog() throws Exception {
        String consultationId = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = send(HttpRequest.newBuilder(uri(commandSide, "/api/consultations"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"consultationId": "%s", "title": "Bridge the Gap",
                         "bigQuestion": "How can we make sure children and families get the support they need?"}
                        """.formatted(consultationId))), "facilitator");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        String auditLog = "";
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline) && !auditLog.contains(consultationId)) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri(querySide, "/api/audit-log")).GET(), "reviewer");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            auditLog = response.body();
            Thread.sleep(100);
        }
        assertThat(auditLog).contains(consultationId).contains("ConsultationStarted").contains("facilitator");

        assertThat(commandSide.getBean(ChainVerifier.class).verify().intact()).isTrue();
    }

    private static URI uri(ConfigurableApplicationContext service, String path) {
        int port = ((WebServerApplicationContext) service).getWebServer().getPort();
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String user) throws Exception {
        URI target = request.build().uri();
        String base = target.getScheme() + "://" + target.getHost() + ":" + target.getPort();
        return http.send(request.header("Authorization", SignIn.bearer(base, user)).build(),
                         HttpResponse.BodyHandlers.ofString());
    }
}
