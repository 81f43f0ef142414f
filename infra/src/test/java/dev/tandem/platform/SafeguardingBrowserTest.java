package dev.tandem.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;

/**
 * The safeguarding pages in a real (headless) Chromium: a key person records a concern over the API; the
 * setting's safeguarding lead signs in through the page, records what they did about it, reads the child's
 * chronology for a reason they give, sees the record verified with the concern in it, and downloads it as PDF.
 */
@SpringBootTest(classes = PlatformApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // A platform of its own: a test context shared with BrowserJourneyTest is paused between the two
        // classes (Spring 7's context cache) and its tracking processors do not pick up new events after.
        properties = {"platform.data-dir=target/safeguarding-browser-test-data-${random.uuid}"})
@ActiveProfiles("embedded")
@EnabledIf(value = "browserInstalled", disabledReason = "Safeguarding browser test " + HeadlessChromium.MISSING)
class SafeguardingBrowserTest {

    private static final Duration UI_WAIT = Duration.ofSeconds(30);
    /** The manager of {@link Nursery#setUp}, Maya, is also the setting's DSL. */
    private static final String MAYA_PASSWORD = "manager-pass-1";

    @LocalServerPort
    private int port;

    private WebTestClient http;
    private WebDriver driver;
    private Path userDataDir;
    private Path downloadDir;

    /** As in {@link BrowserJourneyTest}: a reported skip with its reason when Chromium is missing, never a silent one. */
    static boolean browserInstalled() {
        return HeadlessChromium.installed("Safeguarding browser test");
    }

    @BeforeEach
    void startBrowser() throws IOException {
        http = WebTestClient.bindToServer()
                .baseUrl(baseUrl())
                .responseTimeout(Duration.ofSeconds(30))
                .build();

        userDataDir = Files.createTempDirectory("tandem-chromium-");
        downloadDir = Files.createTempDirectory("tandem-downloads-");
        // Downloads go straight to a directory of this test's own, without asking.
        driver = HeadlessChromium.start(userDataDir, Map.of(
                "download.default_directory", downloadDir.toString(),
                "download.prompt_for_download", false,
                "download.directory_upgrade", true));
    }

    @AfterEach
    void stopBrowser() throws IOException {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            if (userDataDir != null) {
                FileSystemUtils.deleteRecursively(userDataDir);
            }
            if (downloadDir != null) {
                FileSystemUtils.deleteRecursively(downloadDir);
            }
        }
    }

    @Test
    void safeguardingLeadRecordsAnActionThenReadsTheVerifiedChronologyAndDownloadsItAsPdf() throws IOException {
        Nursery nursery = Nursery.setUp(http);
        String concernText = "Bruise on Zofia's left forearm at drop-off; she said she fell off the sofa.";
        String concernId = Nursery.create(http, nursery.keyPersonToken(),
                "/api/children/" + nursery.childId() + "/concerns", Map.of("text", concernText, "category", "INJURY"));
        // The concern list is a read model that follows the events by a moment (until it has seen the DSL's
        // registration it refuses them, as it would anyone it does not know as a DSL of the setting).
        await("the concern in the setting's list").atMost(UI_WAIT).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(openConcernIds(nursery)).contains(concernId));

        // The DSL signs in and finds the concerns page in the staff navigation.
        driver.get(baseUrl() + "/");
        signIn(nursery.managerEmail(), MAYA_PASSWORD);
        visible(By.id("staff-nav"));
        driver.findElement(By.cssSelector("[data-testid='nav-concerns']")).click();
        WebElement concern = visible(concernLocator(concernId));
        assertThat(driver.switchTo().activeElement().getDomAttribute("id"))
                .as("focus moves to the page's heading").isEqualTo("concerns-heading");
        assertThat(concern.getText()).contains("Zofia Nowak", "Recorded by Kira Key");
        assertThat(concern.findElement(By.cssSelector("[data-testid='concern-category']")).getText())
                .isEqualToIgnoringCase("Injury");
        assertThat(concern.findElement(By.cssSelector("[data-testid='concern-text']")).getText()).isEqualTo(concernText);
        assertThat(concern.getText()).contains("Nothing has been recorded about it yet.");

        // ... and records what they did.
        String note = "Spoke with Zofia's mother at pick-up; she confirmed the fall. Will keep an eye on it.";
        new Select(concern.findElement(By.cssSelector("[data-testid='concern-action-select']"))).selectByValue("NOTED");
        concern.findElement(By.cssSelector("[data-testid='concern-action-note']")).sendKeys(note);
        concern.findElement(By.cssSelector("[data-testid='concern-action-submit']")).click();

        WebElement action = waitUntil(UI_WAIT, "the action listed under its concern", browser -> browser
                .findElements(By.cssSelector(concernCss(concernId) + " [data-testid='concern-action']"))
                .stream()
                .filter(candidate -> candidate.getText().contains(note))
                .findFirst()
                .orElse(null));
        assertThat(action.getText()).startsWith("Noted by Maya Manager on ").endsWith(" — " + note);
        assertThat(driver.findElement(By.cssSelector(concernCss(concernId) + " [data-testid='concern-action-result']"))
                .getDomAttribute("data-state")).isEqualTo("success");

        // From the concern to the child's chronology, which asks for a reason first.
        driver.findElement(By.cssSelector(concernCss(concernId) + " [data-testid='concern-chronology']")).click();
        WebElement reason = visible(By.id("review-reason"));
        assertThat(driver.findElements(By.cssSelector("[data-testid='chronology']"))).isEmpty();
        // Not Latin-1 throughout: the page percent-encodes it and the platform decodes it.
        String why = "Strategy meeting with children’s social care — przegląd";
        reason.sendKeys(why);
        driver.findElement(By.cssSelector("[data-testid='review-submit']")).click();

        WebElement integrity = visible(By.cssSelector("[data-testid='integrity']"));
        assertThat(integrity.getDomAttribute("data-verified")).as("integrity: %s", integrity.getText()).isEqualTo("true");
        assertThat(integrity.getText()).matches("✓ Record verified — \\d+ events, head [0-9a-f]{12}");

        WebElement recorded = eventOfType("ConcernRecorded");
        assertThat(recorded.getText()).contains("Kira Key (key person) recorded a safeguarding concern (Injury): “"
                + concernText + "”");
        assertThat(recorded.getDomAttribute("class")).contains("chronology__line--safeguarding");
        assertThat(recorded.findElement(By.cssSelector(".chronology__badge--safeguarding")).getText())
                .isEqualToIgnoringCase("Safeguarding");
        assertThat(eventOfType("ConcernActionRecorded").getText()).contains("noted the concern of", note);
        List<WebElement> reviews = driver.findElements(By.cssSelector(
                "[data-testid='chronology-event'][data-type='SafeguardingHistoryViewed']"));
        assertThat(reviews).as("this reading is the record's last event").isNotEmpty();
        assertThat(reviews.get(reviews.size() - 1).getText()).contains("read this record: “" + why + "”");

        // The PDF download lands in the browser's download directory.
        driver.findElement(By.cssSelector("[data-testid='export-pdf']")).click();
        Path pdf = await("the PDF download").atMost(UI_WAIT).pollInterval(Duration.ofMillis(200))
                .until(this::downloadedPdf, file -> file != null);
        byte[] start = Files.readAllBytes(pdf);
        assertThat(new String(start, 0, Math.min(start.length, 5), StandardCharsets.US_ASCII))
                .isEqualTo("%PDF-");
        assertThat(pdf.getFileName().toString()).contains(nursery.childId());
        assertThat(driver.findElement(By.cssSelector("[data-testid='export-status']")).getText())
                .isEqualTo("Downloaded " + pdf.getFileName() + ".");
    }

    /** A finished .pdf in the download directory (Chromium writes .crdownload until it is complete). */
    private Path downloadedPdf() throws IOException {
        try (Stream<Path> files = Files.list(downloadDir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".pdf"))
                    .filter(file -> file.toFile().length() > 0)
                    .findFirst()
                    .orElse(null);
        }
    }

    private List<String> openConcernIds(Nursery nursery) {
        JsonNode list = http.get().uri("/api/settings/{id}/concerns?status=OPEN", nursery.settingId())
                .headers(headers -> headers.setBearerAuth(nursery.managerToken()))
                .exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        List<String> ids = new ArrayList<>();
        for (JsonNode concern : list.get("concerns")) {
            ids.add(concern.get("id").asString());
        }
        return ids;
    }

    private WebElement eventOfType(String type) {
        return visible(By.cssSelector("[data-testid='chronology-event'][data-type='" + type + "']"));
    }

    private static String concernCss(String concernId) {
        return "[data-testid='concern'][data-concern-id='" + concernId + "']";
    }

    private static By concernLocator(String concernId) {
        return By.cssSelector(concernCss(concernId));
    }

    private void signIn(String username, String password) {
        visible(By.id("login-username"));
        type(By.id("login-username"), username);
        type(By.id("login-password"), password);
        driver.findElement(By.id("login-submit")).click();
    }

    private void type(By field, String text) {
        WebElement element = driver.findElement(field);
        element.clear();
        element.sendKeys(text);
    }

    private WebElement visible(By locator) {
        return waitUntil(UI_WAIT, locator + " to be visible", ExpectedConditions.visibilityOfElementLocated(locator));
    }

    /** Waits, and on time-out says what it waited for and what the page showed. */
    private <T> T waitUntil(Duration timeout, String what, Function<? super WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout)
                .withMessage(() -> "waiting for " + what + "; the page showed:\n" + pageText())
                .until(condition);
    }

    private String pageText() {
        try {
            return driver.findElement(By.tagName("main")).getText();
        } catch (RuntimeException unreadable) {
            return "(unreadable: " + unreadable.getMessage() + ")";
        }
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }
}
