package org.consultationtracker.system;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.consultationtracker.command.CommandSideApplication;
import org.consultationtracker.eventstore.embedded.EmbeddedMongoStore;
import org.consultationtracker.eventstore.privacy.KeyVault;
import org.consultationtracker.eventstore.privacy.LocalMasterKey;
import org.consultationtracker.eventstore.privacy.MasterKeyException;
import org.consultationtracker.eventstore.privacy.MasterKeys;
import org.consultationtracker.query.QuerySideApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * "A copy of the database alone decrypts nothing." Both services record a session with registered names and
 * attributed words, the query side shows those words (so the right master key opens them through the product), then
 * every document of every collection of every database on the server is dumped and copied to another server: no
 * name, no attributed words and no key material are in it, a key vault over the copy with any other master key opens
 * nothing, and only the services' own master key opens everything.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseCopyTest {

    private static final List<String> NAMES = List.of("Test person Ash", "Test person Birch", "Test person Cedar",
                                                      "Test person Dune", "Test person Elm", "Test person Fern",
                                                      "Test person Gale");
    private static final String ATTRIBUTED_WORDS = "Let young people keep one trusted adult through every move";

    private static EmbeddedMongoStore store;
    private static ConfigurableApplicationContext commandSide;
    private static ConfigurableApplicationContext querySide;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void recordASessionThroughBothServices() throws Exception {
        store = EmbeddedMongoStore.startInMemory();
        String[] common = {"--server.port=0", "--server.address=127.0.0.1",
                "--consultation.store.mongodb-uri=" + store.uri(), "--consultation.store.fetch-delay=50ms",
                "--consultation.keys.master-key=" + SharedMasterKey.BASE64};
        commandSide = CommandSideApplication.builder().run(common);
        querySide = QuerySideApplication.builder().run(common);
        new BrowserSeed(URI.create("http://127.0.0.1:" + port(commandSide))).record();
        awaitQuerySideShows("/api/conversations/" + BrowserSeed.STABILITY, ATTRIBUTED_WORDS);
    }

    @AfterAll
    static void stopEverything() {
        if (querySide != null) {
            querySide.close();
        }
        if (commandSide != null) {
            commandSide.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aCopyOfEveryCollectionHoldsNoNameNoWordsNoKeyAndOpensOnlyWithTheMasterKey(CapturedOutput logs) {
        LocalMasterKey masterKey = LocalMasterKey.fromBase64(SharedMasterKey.BASE64, "the test");
        assertThat(logs.getAll()).as("the services name their master key").contains(masterKey.id())
                .as("and never show it").doesNotContain(SharedMasterKey.BASE64);
        try (MongoClient client = MongoClients.create(store.uri());
             EmbeddedMongoStore copyStore = EmbeddedMongoStore.startInMemory();
             MongoClient copyClient = MongoClients.create(copyStore.uri())) {
            Map<String, List<Document>> dump = dumpEverything(client);
            String everything = String.join("\n", dump.values().stream().flatMap(List::stream)
                                                         .map(Document::toJson).toList());
            assertThat(dump).containsKeys("consultation.commits", "consultation." + KeyVault.COLLECTION);
            assertThat(dump.keySet()).as("read models are in the dump too").hasSizeGreaterThan(8);

            for (String name : NAMES) {
                assertThat(everything).as("registered name in clear").doesNotContain(name);
            }
            assertThat(everything).as("attributed words in clear").doesNotContain(ATTRIBUTED_WORDS);

            List<Document> keyDocuments = dump.get("consultation." + KeyVault.COLLECTION);
            assertThat(keyDocuments).hasSize(2 * NAMES.size());
            for (Document key : keyDocuments) {
                assertThat(key).as("no key in clear").doesNotContainKey("key")
                        .containsEntry("wrappedBy", masterKey.id());
                byte[] material = masterKey.unwrap(key.getString("wrappedKey"), key.getString("_id"));
                assertThat(everything).as("key material of " + key.get("_id"))
                        .doesNotContain(Base64.getEncoder().encodeToString(material))
                        .doesNotContain(Base64.getEncoder().encodeToString(material).replace("=", ""))
                        .doesNotContainIgnoringCase(HexFormat.of().formatHex(material));
            }

            MongoDatabase copy = copyClient.getDatabase("consultation");
            dump.forEach((collection, documents) -> {
                if (collection.startsWith("consultation.") && !documents.isEmpty()) {
                    copy.getCollection(collection.substring("consultation.".length())).insertMany(documents);
                }
            });
            List<Document> sealedValues = new ArrayList<>();
            dump.get("consultation.commits").forEach(commit -> collectSealed(commit, sealedValues));
            assertThat(sealedValues).as("names and words are sealed in the events").hasSizeGreaterThanOrEqualTo(8);

            KeyVault wrongMasterKey = new KeyVault(copy, MasterKeys.of(LocalMasterKey.random()));
            assertThatThrownBy(wrongMasterKey::bringUpToDate).isInstanceOf(MasterKeyException.class);
            for (Document sealed : sealedValues) {
                assertThatThrownBy(() -> open(wrongMasterKey, sealed)).isInstanceOf(MasterKeyException.class);
            }

            KeyVault rightMasterKey = new KeyVault(copy, MasterKeys.of(masterKey));
            rightMasterKey.bringUpToDate();
            List<String> opened = sealedValues.stream().map(sealed -> open(rightMasterKey, sealed).orElseThrow())
                                              .toList();
            assertThat(opened).containsAll(NAMES).contains(ATTRIBUTED_WORDS);
        }
    }

    /** Every document of every collection of every database the server holds, by "database.collection". */
    private static Map<String, List<Document>> dumpEverything(MongoClient client) {
        Map<String, List<Document>> dump = new TreeMap<>();
        for (String databaseName : client.listDatabaseNames()) {
            MongoDatabase database = client.getDatabase(databaseName);
            for (String collection : database.listCollectionNames()) {
                dump.put(databaseName + "." + collection,
                         database.getCollection(collection).find().batchSize(500).into(new ArrayList<>()));
            }
        }
        return dump;
    }

    /** Sealed values wherever they sit in a document: {keyId, iv, ciphertext}. */
    private static void collectSealed(Object value, List<Document> found) {
        if (value instanceof Document document) {
            if (document.containsKey("keyId") && document.containsKey("iv") && document.containsKey("ciphertext")) {
                found.add(document);
            }
            document.values().forEach(inner -> collectSealed(inner, found));
        } else if (value instanceof List<?> list) {
            list.forEach(inner -> collectSealed(inner, found));
        }
    }

    private static Optional<String> open(KeyVault vault, Document sealed) {
        return vault.open(sealed.getString("keyId"), sealed.getString("iv"), sealed.getString("ciphertext"));
    }

    private static void awaitQuerySideShows(String path, String text) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        String body = "";
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(querySide) + path))
                               .header("Authorization", SignIn.bearer("http://127.0.0.1:" + port(querySide), "reviewer")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            body = response.body();
            if (response.statusCode() == 200 && body.contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the query side did not show \"" + text + "\" at " + path + ": " + body);
    }

    private static int port(ConfigurableApplicationContext service) {
        return ((WebServerApplicationContext) service).getWebServer().getPort();
    }
}
