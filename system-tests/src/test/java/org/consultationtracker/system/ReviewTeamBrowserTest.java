package org.consultationtracker.system;

import org.consultationtracker.command.CommandSideApplication;
import org.consultationtracker.eventstore.embedded.EmbeddedMongoStore;
import org.consultationtracker.query.QuerySideApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The review team's screens in headless Chromium, on the session {@link BrowserSeed} records: a facilitator identifies
 * a theme (a blank name first: the API's problem shows next to the field), tags a key point, writes a section quoting
 * someone who withdrew consent (the warning shows beside it), publishes (refused, then with a reason for that quote)
 * and is led to the published version; a reviewer sees both pages without a single write control; the agenda as of a
 * moment by time said carries its banner, and an impossible moment is named beside the field. Screenshots go to
 * target/screenshots/review-*.png.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReviewTeamBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String THEME = "Families heard before decisions";
    private static final String SECTION = "What children asked of their workers";
    private static final String TAGGED_WORDS = "Who speaks for the parents?";

    private static EmbeddedMongoStore store;
    private static ConfigurableApplicationContext commandSide;
    private static ConfigurableApplicationContext querySide;
    private static String queryOrigin;
    private static URI commandApi;
    private static ChromeDriver browser;
    private static Path profile;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startServicesSeedAndOpenTheBrowser() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                   "needs Debian's chromium and chromium-driver (.ci/run installs them)");
        store = EmbeddedMongoStore.startInMemory();
        int queryPort = freePort();
        queryOrigin = "http://127.0.0.1:" + queryPort;
        String[] common = {"--server.address=127.0.0.1", "--consultation.store.mongodb-uri=" + store.uri(),
                "--consultation.store.fetch-delay=50ms", "--consultation.keys.master-key=" + SharedMasterKey.BASE64};
        commandSide = CommandSideApplication.builder().run(with(common, "--server.port=0",
                                                                "--consultation.ui.origins=" + queryOrigin));
        commandApi = URI.create("http://127.0.0.1:" + port(commandSide));
        querySide = QuerySideApplication.builder().run(with(common, "--server.port=" + queryPort,
                                                            "--consultation.ui.command-api=" + commandApi));
        new BrowserSeed(commandApi).record();
        awaitQuerySide("/api/reports/rep-bt/draft", body -> body.contains("s-families") && body.contains("k-st-2"));
        awaitQuerySide("/api/coverage?agendaId=" + BrowserSeed.AGENDA, body -> body.contains("k-fa-2"));

        Files.createDirectories(SCREENSHOTS);
        profile = Files.createTempDirectory("review-browser-test-profile");
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

    @AfterAll
    static void closeEverything() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (querySide != null) {
            querySide.close();
        }
        if (commandSide != null) {
            commandSide.close();
        }
        if (store != null) {
            store.close();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @AfterEach
    void noScriptErrors() {
        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> !message.contains("Failed to load resource")) // the refusals the test provokes
                .toList();
        assertThat(errors).as("errors in the browser console").isEmpty();
    }

    @Test
    @Order(1)
    void aFacilitatorIdentifiesAThemeAndTagsAKeyPoint() {
        signIn("facilitator");
        open("themes.html");
        WebElement form = browser.findElement(By.id("identify-theme"));
        form.findElement(By.id("theme-name")).sendKeys("   ");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement problem = new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#theme-name + .field-error")));
        assertThat(problem.getText()).startsWith("name:");
        assertThat(browser.findElement(By.id("theme-name")).getAttribute("aria-invalid")).isEqualTo("true");
        screenshot("review-01-theme-refused");

        browser.findElement(By.id("theme-name")).clear();
        browser.findElement(By.id("theme-name")).sendKeys(THEME);
        browser.findElement(By.id("theme-description")).sendKeys("Birth families want to be heard early.");
        browser.findElement(By.cssSelector("#identify-theme button[type=submit]")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("theme-list"), THEME));

        new Select(browser.findElement(By.id("tag-theme"))).selectByVisibleText(THEME);
        new Select(browser.findElement(By.id("tag-conversation"))).selectByValue(BrowserSeed.FAMILY);
        browser.findElement(By.cssSelector("#tag-points input[value='k-fa-2']")).click();
        browser.findElement(By.cssSelector("#tag-key-point button[type=submit]")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("themes-status"), "Tagged with"));
        WebElement card = themeCard(THEME);
        assertThat(card.getText()).contains(TAGGED_WORDS).contains("1 key point tagged")
                                  .contains("Anonymous (speaker not recorded): 1");
        screenshot("review-02-themes");
    }

    @Test
    @Order(2)
    void aFacilitatorWritesASectionAndPublishesGivingAReasonForAQuoteWithoutConsent() throws Exception {
        // Ash withdraws consent to be quoted: the section below quotes Ash.
        send("facilitator", HttpRequest.newBuilder(commandApi.resolve("/api/participants/p-ash/consents"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"purpose\": \"BE_QUOTED\", \"granted\": false}")));
        signIn("facilitator");
        open("writing.html");
        browser.findElement(By.id("write-new-section")).click();
        WebElement editor = browser.findElement(By.id("section-editor"));
        assertThat(editor.findElement(By.id("section-position")).getAttribute("value")).isEqualTo("3");
        editor.findElement(By.id("section-heading")).sendKeys(SECTION);
        editor.findElement(By.id("section-text")).sendKeys("One trusted adult should stay through every move.");
        new Select(editor.findElement(By.id("citation-kind"))).selectByValue("QUOTE");
        new Select(editor.findElement(By.id("citation-target"))).selectByValue("k-st-2");
        editor.findElement(By.id("add-citation")).click();
        editor.findElement(By.cssSelector("button[data-anchor='1']")).click();
        assertThat(editor.findElement(By.id("section-text")).getAttribute("value"))
                .isEqualTo("One trusted adult should stay through every move.[^1]");
        editor.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("writing-status"), "saved"));
        WebElement section = browser.findElement(By.xpath(
                "//ol[@id='section-list']/li[.//h3[contains(., '" + SECTION + "')]]"));
        assertThat(section.getText()).contains("Quoted without the speaker’s consent").contains("consent withdrawn")
                                     .contains("Let young people keep one trusted adult through every move");
        assertThat(section.findElement(By.tagName("sup")).getText()).isEqualTo("[1]");
        screenshot("review-03-section-written");

        browser.findElement(By.id("publish-button")).click();
        WebElement reason = new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#consent-overrides textarea[data-key-point-id='k-st-2']")));
        assertThat(browser.findElement(By.id("consent-overrides")).getText())
                .contains("Not published").contains("Let young people keep one trusted adult through every move")
                .contains("Go back to section 3");
        screenshot("review-04-publication-refused");
        reason.sendKeys("Ash asked in the plenary to be quoted; the form follows");
        browser.findElement(By.id("publish-button")).click();
        WebElement link = new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(
                By.id("published-link")));
        assertThat(link.getAttribute("href")).contains("report.html?report=rep-bt&version=1");
        assertThat(browser.findElement(By.id("published-versions")).getText()).contains("version 1");
        assertThat(browser.findElement(By.xpath("//ol[@id='section-list']/li[.//h3[contains(., '" + SECTION + "')]]"))
                          .getText())
                .contains("Published in version 1 without consent, for a reason")
                .contains("Ash asked in the plenary to be quoted; the form follows");
        screenshot("review-05-published");
    }

    @Test
    @Order(3)
    void aReviewerReadsThemesAndTheDraftWithoutAWriteControl() {
        signIn("reviewer");
        open("themes.html");
        assertThat(browser.findElements(By.cssSelector("[data-write], form"))).isEmpty();
        assertThat(themeCard(THEME).getText()).contains(TAGGED_WORDS);
        screenshot("review-06-themes-reviewer");
        open("writing.html");
        assertThat(browser.findElements(By.cssSelector("[data-write]"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("[data-rewrite], #write-new-section, #publish"))).isEmpty();
        assertThat(mainText()).contains(SECTION).contains("You can read the draft here");
        screenshot("review-07-writing-reviewer");
    }

    @Test
    @Order(4)
    void theAgendaAsOfAMomentSaysByWhichClockAndNamesABadMoment() {
        signIn("reviewer");
        open("index.html?asOf=2021-06-12T09:30:00Z&asOfBasis=said");
        assertThat(browser.findElement(By.id("as-of-banner")).getText()).contains("(by time said)");
        // by time said, at 09:30 the merge (09:20) had happened and nothing was scheduled yet (09:40)
        assertThat(mainText()).contains(BrowserSeed.WORKFORCE_QUESTION).contains("Back to now");
        screenshot("review-08-agenda-as-of");
        open("participation.html?asOf=0000-12-31T00:00:00Z&asOfBasis=recorded");
        WebElement problem = browser.findElement(By.cssSelector("#as-of-form .field-error"));
        assertThat(problem.getText()).startsWith("asOf:");
        screenshot("review-09-as-of-refused");
    }

    // ---- helpers ----

    private static WebElement themeCard(String name) {
        return browser.findElement(By.xpath("//ul[@id='theme-list']/li[.//h3[normalize-space()='" + name + "']]"));
    }

    private static void signIn(String user) {
        browser.get(queryOrigin + "/login.html");
        browser.executeScript("sessionStorage.clear()");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(user + "-dev");
        browser.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
        new WebDriverWait(browser, WAIT).until(d -> !d.getCurrentUrl().contains("login.html"));
        awaitReady();
    }

    private static void open(String page) {
        browser.get(queryOrigin + "/" + page);
        awaitReady();
    }

    private static void awaitReady() {
        String state = new WebDriverWait(browser, WAIT).until(d -> (String) ((JavascriptExecutor) d)
                .executeScript("return document.body && document.body.dataset.ready"));
        assertThat(state).as("page %s: %s", browser.getCurrentUrl(), mainText()).isEqualTo("true");
    }

    private static String mainText() {
        return browser.findElements(By.tagName("main")).stream().findFirst().map(WebElement::getText).orElse("");
    }

    private static void screenshot(String name) {
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

    private static void send(String user, HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(
                request.header("Content-Type", "application/json")
                       .header("Authorization", SignIn.bearer(commandApi.toString().replaceAll("/+$", ""), user))
                       .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
    }

    private static void awaitQuerySide(String path, java.util.function.Predicate<String> shows) throws Exception {
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

    private static String[] with(String[] common, String... more) {
        String[] all = java.util.Arrays.copyOf(common, common.length + more.length);
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
