package org.consultationtracker.system;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

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

    private static final Duration WAIT = BrowserWorld.WAIT;
    private static final String THEME = "Families heard before decisions";
    private static final String SECTION = "What children asked of their workers";
    private static final String TAGGED_WORDS = "Who speaks for the parents?";

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
        world.awaitQuerySide("/api/reports/rep-bt/draft", body -> body.contains("s-families") && body.contains("k-st-2"));
        world.awaitQuerySide("/api/coverage?agendaId=" + BrowserSeed.AGENDA, body -> body.contains("k-fa-2"));
        world.openBrowser("review-browser-test-profile");
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
    void aFacilitatorIdentifiesAThemeAndTagsAKeyPoint() {
        world.signIn("facilitator");
        world.open("themes.html");
        WebElement form = browser.findElement(By.id("identify-theme"));
        form.findElement(By.id("theme-name")).sendKeys("   ");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement problem = new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#theme-name + .field-error")));
        assertThat(problem.getText()).startsWith("name:");
        assertThat(browser.findElement(By.id("theme-name")).getAttribute("aria-invalid")).isEqualTo("true");
        world.screenshot("review-01-theme-refused");

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
        world.screenshot("review-02-themes");
    }

    @Test
    @Order(2)
    void aFacilitatorWritesASectionAndPublishesGivingAReasonForAQuoteWithoutConsent() throws Exception {
        // Ash withdraws consent to be quoted: the section below quotes Ash.
        send("facilitator", HttpRequest.newBuilder(commandApi.resolve("/api/participants/p-ash/consents"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"purpose\": \"BE_QUOTED\", \"granted\": false}")));
        world.signIn("facilitator");
        world.open("writing.html");
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
        world.screenshot("review-03-section-written");

        browser.findElement(By.id("publish-button")).click();
        WebElement reason = new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#consent-overrides textarea[data-key-point-id='k-st-2']")));
        assertThat(browser.findElement(By.id("consent-overrides")).getText())
                .contains("Not published").contains("Let young people keep one trusted adult through every move")
                .contains("Go back to section 3");
        world.screenshot("review-04-publication-refused");
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
        world.screenshot("review-05-published");
    }

    @Test
    @Order(3)
    void aReviewerReadsThemesAndTheDraftWithoutAWriteControl() {
        world.signIn("reviewer");
        world.open("themes.html");
        assertThat(browser.findElements(By.cssSelector("[data-write], form"))).isEmpty();
        assertThat(themeCard(THEME).getText()).contains(TAGGED_WORDS);
        world.screenshot("review-06-themes-reviewer");
        world.open("writing.html");
        assertThat(browser.findElements(By.cssSelector("[data-write]"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("[data-rewrite], #write-new-section, #publish"))).isEmpty();
        assertThat(world.mainText()).contains(SECTION).contains("You can read the draft here");
        world.screenshot("review-07-writing-reviewer");
    }

    @Test
    @Order(4)
    void theAgendaAsOfAMomentSaysByWhichClockAndNamesABadMoment() {
        world.signIn("reviewer");
        world.open("index.html?asOf=2021-06-12T09:30:00Z&asOfBasis=said");
        assertThat(browser.findElement(By.id("as-of-banner")).getText()).contains("(by time said)");
        // by time said, at 09:30 the merge (09:20) had happened and nothing was scheduled yet (09:40)
        assertThat(world.mainText()).contains(BrowserSeed.WORKFORCE_QUESTION).contains("Back to now");
        world.screenshot("review-08-agenda-as-of");
        world.open("participation.html?asOf=0000-12-31T00:00:00Z&asOfBasis=recorded");
        WebElement problem = browser.findElement(By.cssSelector("#as-of-form .field-error"));
        assertThat(problem.getText()).startsWith("asOf:");
        world.screenshot("review-09-as-of-refused");
    }

    // ---- helpers ----

    private static WebElement themeCard(String name) {
        return browser.findElement(By.xpath("//ul[@id='theme-list']/li[.//h3[normalize-space()='" + name + "']]"));
    }

    private static void send(String user, HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(
                request.header("Content-Type", "application/json")
                       .header("Authorization", SignIn.bearer(commandApi.toString().replaceAll("/+$", ""), user))
                       .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
    }
}
