package org.consultationtracker.system;

import org.consultationtracker.command.CommandSideApplication;
import org.consultationtracker.eventstore.embedded.EmbeddedMongoStore;
import org.consultationtracker.query.QuerySideApplication;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Both services on one in-memory store, seeded through the command API with {@link BrowserSeed}, and headless
 * Chromium driven through Debian's chromedriver: what the browser tests share. Pages are signed into, opened, waited
 * for (every page marks {@code body[data-ready]}) and screenshot to {@code target/screenshots/}.
 */
final class BrowserWorld implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final String queryOrigin;
    final URI commandApi;
    final HttpClient http = HttpClient.newHttpClient();
    private final EmbeddedMongoStore store;
    private final ConfigurableApplicationContext commandSide;
    private final ConfigurableApplicationContext querySide;
    ChromeDriver browser;
    private Path profile;

    private BrowserWorld(EmbeddedMongoStore store, ConfigurableApplicationContext commandSide,
                         ConfigurableApplicationContext querySide, String queryOrigin, URI commandApi) {
        this.store = store;
        this.commandSide = commandSide;
        this.querySide = querySide;
        this.queryOrigin = queryOrigin;
        this.commandApi = commandApi;
    }

    /** The services, seeded; the test is skipped where Chromium is not installed. */
    static BrowserWorld seeded() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                   "needs Debian's chromium and chromium-driver (.ci/run installs them)");
        EmbeddedMongoStore store = EmbeddedMongoStore.startInMemory();
        int queryPort = freePort();
        String queryOrigin = "http://127.0.0.1:" + queryPort;
        String[] common = {"--server.address=127.0.0.1", "--consultation.store.mongodb-uri=" + store.uri(),
                "--consultation.store.fetch-delay=50ms", "--consultation.keys.master-key=" + SharedMasterKey.BASE64};
        ConfigurableApplicationContext commandSide = CommandSideApplication.builder().run(
                with(common, "--server.port=0", "--consultation.ui.origins=" + queryOrigin));
        URI commandApi = URI.create("http://127.0.0.1:" + port(commandSide));
        ConfigurableApplicationContext querySide = QuerySideApplication.builder().run(
                with(common, "--server.port=" + queryPort, "--consultation.ui.command-api=" + commandApi));
        BrowserWorld world = new BrowserWorld(store, commandSide, querySide, queryOrigin, commandApi);
        new BrowserSeed(commandApi).record();
        return world;
    }

    /** Opens the browser, with its console log kept for {@link #scriptErrors}. */
    void openBrowser(String profileName) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        profile = Files.createTempDirectory(profileName);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                             "--disable-background-networking", "--disable-component-update", "--disable-sync",
                             "--user-data-dir=" + profile, "--window-size=1400,1000", "--lang=en-GB");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(new ChromeDriverService.Builder()
                                           .usingDriverExecutable(CHROMEDRIVER.toFile()).build(), options);
        browser.manage().timeouts().scriptTimeout(WAIT);
    }

    /** Errors in the browser console since the last call, but the failed loads the tests provoke themselves. */
    List<String> scriptErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                      .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                      .map(LogEntry::getMessage)
                      .filter(message -> !message.contains("Failed to load resource"))
                      .toList();
    }

    void signIn(String user) {
        browser.get(queryOrigin + "/login.html");
        browser.executeScript("sessionStorage.clear()");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(user + "-dev");
        browser.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
        new WebDriverWait(browser, WAIT).until(d -> !d.getCurrentUrl().contains("login.html"));
        awaitReady();
    }

    void open(String page) {
        browser.get(queryOrigin + "/" + page);
        awaitReady();
    }

    /** Every page marks body[data-ready] once drawn ("true") or failed ("error"). */
    void awaitReady() {
        String state = new WebDriverWait(browser, WAIT).until(d -> (String) ((JavascriptExecutor) d)
                .executeScript("return document.body && document.body.dataset.ready"));
        assertThat(state).as("page %s: %s", browser.getCurrentUrl(), mainText()).isEqualTo("true");
    }

    String mainText() {
        return browser.findElements(By.tagName("main")).stream().findFirst().map(WebElement::getText).orElse("");
    }

    /** The whole page, not just the window. */
    void screenshot(String name) {
        try {
            Number height = (Number) browser.executeScript("return document.documentElement.scrollHeight");
            Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot", Map.of(
                    "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", 1400,
                                                                  "height", Math.min(height.intValue(), 8000),
                                                                  "scale", 1)));
            Files.write(SCREENSHOTS.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException | RuntimeException e) {
            try {
                Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
            } catch (IOException again) {
                throw new IllegalStateException("screenshot " + name, again);
            }
        }
    }

    /** Waits (up to a minute) until the query side, asked as an admin, answers {@code path} with what it should show. */
    void awaitQuerySide(String path, Predicate<String> shows) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        String body = "";
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(queryOrigin + path))
                               .header("Authorization", SignIn.bearer(queryOrigin, "admin")).build(),
                    HttpResponse.BodyHandlers.ofString());
            body = response.body();
            if (response.statusCode() == 200 && shows.test(body)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the query side never showed the seed at " + path + ": " + body);
    }

    @Override
    public void close() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        querySide.close();
        commandSide.close();
        store.close();
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    private static String[] with(String[] common, String... more) {
        String[] all = Arrays.copyOf(common, common.length + more.length);
        System.arraycopy(more, 0, all, common.length, more.length);
        return all;
    }

    private static int port(ConfigurableApplicationContext service) {
        return ((WebServerApplicationContext) service).getWebServer().getPort();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
