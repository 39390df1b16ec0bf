package org.consultationtracker.system;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web interface in headless Chromium against both services on one embedded store, with a small session seeded
 * through the command API: the agenda, a conversation with an edited quote beside its original, the voice flow
 * clicked through to a quote, a replay followed to 100%, a facilitator writing through the command API from the
 * browser (CORS), and a reviewer who sees no write controls. Screenshots go to target/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserTest {

    private static final Duration WAIT = BrowserWorld.WAIT;

    private static BrowserWorld world;
    private static String queryOrigin;
    private static URI commandApi;
    private static ChromeDriver browser;
    private static HttpClient http;

    @BeforeAll
    static void startServicesSeedAndOpenTheBrowser() throws Exception {
        world = BrowserWorld.seeded();
        queryOrigin = world.queryOrigin;
        commandApi = world.commandApi;
        http = world.http;
        world.awaitQuerySide("/api/audit-trail/sections/s-families", body -> body.contains("k-fa-1"));
        world.awaitQuerySide("/api/coverage?agendaId=" + BrowserSeed.AGENDA,
                             body -> body.contains("\"" + BrowserSeed.EDITED_QUOTE + "\"") && body.contains("\"CITED\""));
        world.awaitQuerySide("/api/participation/sessions/" + BrowserSeed.AGENDA,
                             body -> body.contains(BrowserSeed.FAMILY));
        world.openBrowser("browser-test-profile");
        browser = world.browser;
    }

    @AfterAll
    static void closeEverything() throws IOException {
        if (world != null) {
            world.close();
        }
    }

    @AfterEach
    void noScriptErrors() {
        assertThat(world.scriptErrors()).as("errors in the browser console").isEmpty();
    }

    @Test
    @Order(1)
    void theAgendaShowsTheGridWithHostsNumbersAndLineage() {
        world.signIn("admin");
        world.open("index.html");
        WebElement grid = browser.findElement(By.id("agenda-grid"));
        WebElement workforce = grid.findElement(By.cssSelector("[data-conversation-id='" + BrowserSeed.WORKFORCE + "']"));
        assertThat(workforce.getText())
                .contains(BrowserSeed.WORKFORCE_QUESTION)
                .contains("Cedar and Gale") // both proposers of the merged proposals host it
                .contains("2 initial · 2 sustained · 2 peak")
                .contains("Merged from 2 proposals")
                .contains("What stops social workers leaving?");
        assertThat(grid.findElement(By.cssSelector("[data-conversation-id='pr-kinship']")).getText())
                .contains("Clarified and kept apart from").contains("How can birth families be heard early?");
        assertThat(browser.findElement(By.id("round-counts")).getText()).contains("Round 1").contains("Round 2");
        assertThat(browser.findElement(By.id("discrepancies")).getText())
                .contains("Round 1: 3 held, 2 summarised");
        assertThat(browser.findElement(By.tagName("main")).getText())
                .contains("Proposals not on the grid").contains("The proposer joined another conversation");
        world.screenshot("01-agenda");
    }

    @Test
    @Order(2)
    void aConversationShowsAnEditedQuoteBesideItsOriginal() {
        world.signIn("admin");
        world.open("index.html");
        browser.findElement(By.linkText(BrowserSeed.STABILITY_QUESTION)).click();
        world.awaitReady();
        assertThat(browser.getCurrentUrl()).contains("conversation.html?id=" + BrowserSeed.STABILITY);
        WebElement quote = browser.findElement(By.id("kp-" + BrowserSeed.EDITED_QUOTE));
        assertThat(quote.findElement(By.cssSelector("blockquote")).getText()).contains(BrowserSeed.EDITED_WORDS);
        WebElement compare = quote.findElement(By.cssSelector(".compare"));
        assertThat(compare.findElement(By.cssSelector(".original")).getText()).contains(BrowserSeed.ORIGINAL_WORDS);
        assertThat(compare.findElement(By.cssSelector(".edited")).getText())
                .contains(BrowserSeed.EDITED_WORDS).contains("notetaker").contains(BrowserSeed.EDIT_REASON);
        assertThat(browser.findElement(By.id("kp-k-st-2")).getText()).contains("said by Ash");
        assertThat(browser.findElement(By.id("participant-numbers")).getText())
                .contains("3 at the start").contains("4 at the peak").contains("4 people in all");
        assertThat(browser.findElement(By.id("attendance-chart")).findElements(By.tagName("svg"))).isNotEmpty();
        assertThat(browser.findElement(By.id("cited-in-report")).getText()).contains(BrowserSeed.SECTION_HEADING);
        assertThat(browser.findElement(By.id("summary")).getText()).contains("Summarised by notetaker");
        world.screenshot("02-conversation");
    }

    @Test
    @Order(3)
    void theVoiceFlowLeadsFromAReportSectionToTheOriginalWords() {
        world.signIn("admin");
        world.open("voice-flow.html");
        WebElement chart = browser.findElement(By.id("voice-flow-chart"));
        awaitChartDrawn(chart);
        assertAPersonCanReadTheFlow(chart);
        world.screenshot("03-voice-flow");
        WebElement quotes = clickSankeyNode(chart, BrowserSeed.SECTION_HEADING,
                By.cssSelector("#flow-quotes li[data-key-point-id='" + BrowserSeed.EDITED_QUOTE + "']"));
        assertThat(quotes.getText()).contains(BrowserSeed.EDITED_WORDS);
        assertThat(browser.findElement(By.cssSelector("#flow-quotes h2")).getText()) // the node, not a band into it
                .isEqualTo("The words behind “§1 " + BrowserSeed.SECTION_HEADING + "”");
        world.screenshot("03-voice-flow-quotes");

        quotes.findElement(By.cssSelector("a.quote-link")).click();
        world.awaitReady();
        assertThat(browser.getCurrentUrl()).contains("conversation.html?id=" + BrowserSeed.STABILITY)
                                           .endsWith("#kp-" + BrowserSeed.EDITED_QUOTE);
        WebElement target = browser.findElement(By.id("kp-" + BrowserSeed.EDITED_QUOTE));
        assertThat(target.getAttribute("class")).contains("target");
        assertThat(target.getText()).contains(BrowserSeed.EDITED_WORDS);
        world.screenshot("04-quote-in-its-conversation");

        world.open("voice-flow.html");
        assertThat(browser.findElement(By.id("coverage")).getText())
                .contains("Coverage: voices not (yet) cited").contains("Nobody asks why workers leave");
    }

    @Test
    @Order(4)
    void theParticipationDashboardFlagsTheConversationThatStayedInTheProblemSpace() {
        world.signIn("reviewer");
        world.open("participation.html");
        WebElement problemSpace = browser.findElement(By.id("problem-space"));
        assertThat(problemSpace.findElement(By.cssSelector(".notice")).getText())
                .contains("1 conversation of 4 stayed in the problem space").contains(BrowserSeed.WORKFORCE_QUESTION);
        assertThat(problemSpace.findElement(By.cssSelector("tr.flagged")).getText())
                .contains(BrowserSeed.WORKFORCE_QUESTION);
        for (String id : List.of("chart-rounds", "chart-conversations", "chart-groups")) {
            assertThat(browser.findElement(By.id(id)).findElements(By.tagName("svg"))).as(id).isNotEmpty();
        }
        world.screenshot("05-participation");
    }

    @Test
    @Order(5)
    void aReplayIsFollowedToOneHundredPercent() {
        world.signIn("admin");
        world.open("replay.html");
        browser.findElement(By.id("start-replay")).click();
        new WebDriverWait(browser, Duration.ofSeconds(120))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class) // redrawn at every poll
                .until(d -> d.findElements(By.cssSelector("#replay-bar[data-state='COMPLETED']")).size() == 1);
        assertThat(browser.findElement(By.id("replay-bar")).getAttribute("aria-valuenow")).isEqualTo("100");
        assertThat(browser.findElement(By.id("replay-percent")).getText()).startsWith("100%").contains("completed");
        assertThat(browser.findElement(By.id("replay-progress")).getText()).contains("SHA-256")
                .contains("The views serve the rebuilt data since");
        world.screenshot("06-replay");
    }

    @Test
    @Order(6)
    void aFacilitatorWritesThroughTheCommandApiFromTheBrowser() {
        world.signIn("facilitator");
        world.open("facilitate.html");
        WebElement form = browser.findElement(By.id("propose-form"));
        form.findElement(By.id("propose-proposer")).sendKeys("p-fern");
        form.findElement(By.id("propose-question")).sendKeys(BrowserSeed.NEW_PROPOSAL_QUESTION);
        form.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("facilitate-status"), "Proposing: done."));
        world.screenshot("07-facilitate");
        world.open("index.html");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains(BrowserSeed.NEW_PROPOSAL_QUESTION);
    }

    @Test
    @Order(7)
    void aReviewerSeesNoWriteControls() {
        world.signIn("reviewer");
        world.open("conversation.html?id=" + BrowserSeed.STABILITY);
        assertThat(browser.findElements(By.cssSelector("[data-write]"))).isEmpty();
        assertThat(browser.findElements(By.linkText("Run the event"))).isEmpty();
        assertThat(browser.findElements(By.linkText("Replay"))).isEmpty();
        world.open("facilitate.html");
        assertThat(browser.findElements(By.cssSelector("[data-write], form"))).isEmpty();
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("may read but not write");
        world.screenshot("08-reviewer");
    }

    @Test
    @Order(8)
    void theCommandSideAllowsTheQuerySidesOriginOnly() throws Exception {
        assertThat(preflight(queryOrigin).headers().firstValue("Access-Control-Allow-Origin")).contains(queryOrigin);
        HttpResponse<String> other = preflight("http://elsewhere.example");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    @Order(9)
    void theReportLeadsFromASentenceAndAFootnoteToTheOriginalWords() {
        world.signIn("reviewer");
        world.open("report.html?report=rep-bt&version=draft");
        WebElement section = browser.findElement(By.id("section-s-relationships"));
        assertThat(section.findElement(By.tagName("h2")).getText()).isEqualTo("1. " + BrowserSeed.SECTION_HEADING);
        // neither citation is anchored to a sentence, so both support the whole section
        assertThat(section.findElement(By.cssSelector(".whole-section")).getText()).contains("1").contains("2");

        section.findElement(By.cssSelector(".sentence")).click();
        WebElement trace = new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#trace table")));
        String traced = browser.findElement(By.id("trace")).getText();
        assertThat(traced).contains("Children told us that every change of worker meant starting again.")
                          .contains("voices by stakeholder group").contains(BrowserSeed.EDITED_WORDS)
                          .contains("quoted");
        assertThat(trace.getText()).contains("Voices");
        world.screenshot("09-report-sentence");

        section.findElement(By.cssSelector("button.footnote-call")).click();
        new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.id("trace")).getText().startsWith("Footnote 1"));
        String footnote = browser.findElement(By.id("trace")).getText();
        assertThat(footnote).contains(BrowserSeed.EDITED_WORDS).contains(BrowserSeed.ORIGINAL_WORDS)
                            .contains(BrowserSeed.EDIT_REASON);
        world.screenshot("10-report-footnote");
        assertThat(browser.findElement(By.id("export-pdf")).getAttribute("href"))
                .endsWith("/api/exports/reports/rep-bt/versions/draft.pdf");
    }

    // ---- helpers ----

    private static HttpResponse<String> preflight(String origin) throws Exception {
        return http.send(HttpRequest.newBuilder(commandApi.resolve("/api/agendas/" + BrowserSeed.AGENDA + "/proposals"))
                                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                                    .header("Origin", origin)
                                    .header("Access-Control-Request-Method", "POST")
                                    .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key")
                                    .build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Clicks the box of the Sankey node labelled {@code label}: it sits just left of its label (a 14 px wide node, 5 px
     * before the text; offsets count from the label's centre). Clicks again if the words do not appear, since a label
     * redrawn at the end of an animation can take the first click.
     */
    private static WebElement clickSankeyNode(WebElement chart, String label, By expected) {
        for (int attempt = 1; ; attempt++) {
            WebElement text = chart.findElement(By.xpath(
                    ".//*[local-name()='text' and contains(., '" + label + "')]"));
            new Actions(browser).moveToElement(text, -text.getRect().getWidth() / 2 - 12, 0).click().perform();
            try {
                return new WebDriverWait(browser, Duration.ofSeconds(5))
                        .until(ExpectedConditions.visibilityOfElementLocated(expected));
            } catch (org.openqa.selenium.TimeoutException | org.openqa.selenium.StaleElementReferenceException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /**
     * What a person sees of the Sankey, measured from the bounding boxes of the drawn SVG (sankey-layout.js): a node in
     * every column (groups, conversations, themes, sections), every column headed inside the chart, every label and
     * node inside the chart's box, no two labels overlapping, and the columns spread over the whole width.
     */
    @SuppressWarnings("unchecked")
    private static void assertAPersonCanReadTheFlow(WebElement chart) {
        String script;
        try (var in = BrowserTest.class.getResourceAsStream("/sankey-layout.js")) {
            script = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Object> layout;
        try {
            layout = new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                    (String) ((JavascriptExecutor) browser).executeScript(script, chart), Map.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        assertThat((List<String>) layout.get("problems")).as("what a person would find wrong").isEmpty();
        List<Map<String, Object>> columns = (List<Map<String, Object>>) layout.get("columns");
        assertThat(columns).as("node columns: groups, conversations, themes, sections").hasSize(4)
                           .allSatisfy(c -> assertThat(((Number) c.get("nodes")).intValue()).isPositive());
        double width = ((Number) layout.get("width")).doubleValue();
        assertThat(((Number) columns.get(0).get("left")).doubleValue()).isLessThan(width * 0.1);
        assertThat(((Number) columns.get(3).get("left")).doubleValue()).as("no empty half").isGreaterThan(width * 0.6);
        List<Map<String, Object>> labels = (List<Map<String, Object>>) layout.get("labels");
        assertThat(labels).extracting(l -> (String) l.get("text"))
                          .contains("Stakeholder groups", "Conversations", "Themes",
                                    "Report sections, or what became of the rest", "Theme: Trusted relationships")
                          .anyMatch(text -> text.contains(BrowserSeed.SECTION_HEADING));
        assertThat(labels.size()).as("a label for every node, and the four headings")
                                 .isEqualTo(((Number) layout.get("nodes")).intValue() + 4);
    }

    /** ECharts marks its element once drawn and its animation finished (js/charts.js). */
    private static void awaitChartDrawn(WebElement chart) {
        new WebDriverWait(browser, WAIT).until(d -> "true".equals(chart.getAttribute("data-rendered")));
    }
}
