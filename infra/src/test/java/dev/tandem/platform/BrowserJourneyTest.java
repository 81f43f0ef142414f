package dev.tandem.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.FileSystemUtils;

/**
 * The whole platform, driven through the web client in a real (headless) Chromium: a key person
 * shares an observation, the family's carer signs in and sees it, and a second one arrives on the
 * open page by itself. Data is set up through the public HTTP API, as a nursery's script would.
 */
@SpringBootTest(classes = PlatformApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"platform.data-dir=target/browser-test-data-${random.uuid}"})
@ActiveProfiles("embedded")
@EnabledIf(value = "browserInstalled", disabledReason = "Browser journey " + HeadlessChromium.MISSING)
class BrowserJourneyTest {

    private static final Duration UI_WAIT = Duration.ofSeconds(30);
    /** The stream's first bytes may wait for the server's first event or keep-alive. */
    private static final Duration STREAM_WAIT = Duration.ofSeconds(60);
    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
    };

    @LocalServerPort
    private int port;

    private WebTestClient http;
    private WebDriver driver;
    private Path userDataDir;

    /**
     * Decided before the platform starts. A class-level condition rather than an assumption in
     * {@code @BeforeAll}: Surefire counts an aborted {@code @BeforeAll} as zero tests run and shows no
     * reason, whereas this is reported as a skipped test with the reason, and said in the build log
     * too. Never a silent skip.
     */
    static boolean browserInstalled() {
        return HeadlessChromium.installed("Browser journey");
    }

    @BeforeEach
    void startBrowser() throws IOException {
        http = WebTestClient.bindToServer()
                .baseUrl(baseUrl())
                .responseTimeout(Duration.ofSeconds(30))
                .build();

        userDataDir = Files.createTempDirectory("tandem-chromium-");
        driver = HeadlessChromium.start(userDataDir, Map.of());
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
        }
    }

    @Test
    void keyPersonSharesAnObservationAndTheCarerSeesItOnTheirTimelineThenLive() {
        OneFamilyNursery nursery = setUpNurseryWithOneFamily();
        String firstText = "Ada built a tower of nine blocks and counted them aloud.";
        String secondText = "Ada sang the whole of the rainbow song at circle time.";

        // The key person shares an observation through the page.
        driver.get(baseUrl() + "/");
        signIn(nursery.keyPersonEmail(), nursery.password());
        visible(By.id("staff-view"));
        // The child is picked by name from the key person's own children, as a key person would.
        waitUntil(UI_WAIT, "the key children to load", ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#share-child-id option[value='" + nursery.childId() + "']")));
        new Select(driver.findElement(By.id("share-child-id"))).selectByVisibleText("Ada");
        type(By.id("share-text"), firstText);
        driver.findElement(By.cssSelector("[data-testid='share-area-MATHEMATICS']")).click();
        driver.findElement(By.cssSelector("[data-testid='share-area-COMMUNICATION_AND_LANGUAGE']")).click();
        type(By.id("share-next-steps"), "Count the stairs together at home.");
        driver.findElement(By.id("share-submit")).click();

        WebElement result = waitUntil(UI_WAIT, "the share form's result", ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#share-result[data-state='success'], #share-result[data-state='error']")));
        assertThat(result.getDomAttribute("data-state"))
                .as("share result: %s", result.getText())
                .isEqualTo("success");
        assertThat(result.getText()).contains("Shared with the family");

        // The carer signs in and finds it on the family's timeline.
        driver.findElement(By.id("sign-out")).click();
        visible(By.id("sign-in-view"));
        signIn(nursery.carerEmail(), nursery.password());
        visible(By.id("carer-view"));
        WebElement first = entryWithText(firstText);
        assertThat(first.getText())
                .contains("Mathematics", "Communication and language", "Count the stairs together at home.");

        // While the page stays open, a second observation arrives by itself.
        waitUntil(STREAM_WAIT, "the timeline's live stream to connect",
                ExpectedConditions.attributeToBe(By.id("live-status"), "data-state", "live"));
        String marker = UUID.randomUUID().toString();
        ((JavascriptExecutor) driver).executeScript("window.journeyMarker = arguments[0];", marker);

        shareObservationThroughApi(nursery, secondText);

        WebElement second = entryWithText(secondText);
        assertThat(second.getText()).contains("Literacy");
        assertThat(((JavascriptExecutor) driver).executeScript("return window.journeyMarker;"))
                .as("the page was not reloaded")
                .isEqualTo(marker);
        List<WebElement> entries = driver.findElements(By.cssSelector("[data-testid='timeline-entry']"));
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).getText()).as("newest first").contains(secondText);
    }

    @Test
    void carerRepliesToAnEntryFromThePageAndSeesTheReplyAppearUnderIt() {
        OneFamilyNursery nursery = setUpNurseryWithOneFamily();
        String observation = "Ada painted a sunflower and named every colour in it.";
        String replyText = "She painted another one at home, thank you for the idea!";
        String updateId = shareObservationThroughApi(nursery, observation);

        driver.get(baseUrl() + "/");
        signIn(nursery.carerEmail(), nursery.password());
        entryWithText(observation);
        waitUntil(STREAM_WAIT, "the timeline's live stream to connect",
                ExpectedConditions.attributeToBe(By.id("live-status"), "data-state", "live"));
        assertThat(entryById(updateId).findElements(By.cssSelector("[data-testid='entry-reply']"))).isEmpty();

        // The reply form opens from the entry's own "Reply" and is sent from there.
        entryById(updateId).findElement(By.cssSelector("[data-testid='reply-toggle']")).click();
        WebElement field = entryById(updateId).findElement(By.cssSelector("[data-testid='reply-text']"));
        waitUntil(UI_WAIT, "the reply field to be visible", ExpectedConditions.visibilityOf(field));
        field.sendKeys(replyText);
        entryById(updateId).findElement(By.cssSelector("[data-testid='reply-submit']")).click();

        WebElement result = waitUntil(UI_WAIT, "the reply form's result", browser -> {
            WebElement box = entryById(updateId).findElement(By.cssSelector("[data-testid='reply-result']"));
            String state = box.getDomAttribute("data-state");
            return "success".equals(state) || "error".equals(state) ? box : null;
        });
        assertThat(result.getDomAttribute("data-state")).as("reply result: %s", result.getText()).isEqualTo("success");

        // The page adds nothing by itself: the reply appears when the stream sends the changed entry.
        WebElement reply = waitUntil(STREAM_WAIT, "the reply under its entry", browser -> entryById(updateId)
                .findElements(By.cssSelector("[data-testid='entry-reply']"))
                .stream()
                .filter(candidate -> candidate.getText().contains(replyText))
                .findFirst()
                .orElse(null));
        assertThat(reply.getText()).as("the carer's own reply").startsWith("You");
        assertThat(reply.getDomAttribute("data-reply-id")).isEqualTo(result.getDomAttribute("data-reply-id"));
        assertThat(driver.findElements(By.cssSelector("[data-testid='entry-reply']"))).hasSize(1);
    }

    @Test
    void carerMarksAnEntryAsSeenAndItStaysSeen() {
        OneFamilyNursery nursery = setUpNurseryWithOneFamily();
        String observation = "Ada shared the watering can with Sam without being asked.";
        String updateId = shareObservationThroughApi(nursery, observation);

        driver.get(baseUrl() + "/");
        signIn(nursery.carerEmail(), nursery.password());
        entryWithText(observation);
        WebElement seen = entryById(updateId).findElement(By.cssSelector("[data-testid='entry-ack']"));
        assertThat(seen.getText()).isEqualTo("Mark as seen");
        assertThat(seen.getDomAttribute("aria-pressed")).isEqualTo("false");

        seen.click();
        waitUntil(UI_WAIT, "the entry to show as seen", browser -> seenPressed(updateId));
        assertThat(entryById(updateId).findElement(By.cssSelector("[data-testid='entry-ack']")).getText())
                .startsWith("Seen");

        // The platform recorded it: this carer is among those who acknowledged the entry ...
        String carer = signInThroughApi(nursery.carerEmail(), nursery.password());
        await("the acknowledgement in the family's timeline").atMost(STREAM_WAIT).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(acknowledgedBy(carer, nursery.familyId(), updateId))
                        .containsExactly(nursery.carerId()));

        // ... so a freshly loaded page shows it as seen from the timeline alone.
        driver.navigate().refresh();
        entryWithText(observation);
        waitUntil(UI_WAIT, "the reloaded entry to show as seen", browser -> seenPressed(updateId));
    }

    private boolean seenPressed(String updateId) {
        return "true".equals(entryById(updateId).findElement(By.cssSelector("[data-testid='entry-ack']"))
                .getDomAttribute("aria-pressed"));
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

    private WebElement entryById(String updateId) {
        return driver.findElement(By.cssSelector("[data-testid='timeline'] [data-entry-id='" + updateId + "']"));
    }

    private WebElement entryWithText(String text) {
        return waitUntil(UI_WAIT, "a timeline entry saying \"" + text + "\"", browser -> browser
                .findElements(By.cssSelector("[data-testid='timeline'] [data-testid='timeline-entry']"))
                .stream()
                .filter(entry -> entry.getText().contains(text))
                .findFirst()
                .orElse(null));
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

    // --- setting up through the HTTP API ---------------------------------------------------------

    private record OneFamilyNursery(String childId, String familyId, String carerId, String keyPersonEmail,
                                    String carerEmail, String password) {
    }

    private OneFamilyNursery setUpNurseryWithOneFamily() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String password = "Tandem-journey-" + run;
        String managerEmail = "manager-" + run + "@example.org";
        String keyPersonEmail = "key-person-" + run + "@example.org";
        String carerEmail = "carer-" + run + "@example.org";

        String admin = signInThroughApi("admin", "admin");
        String settingId = id(post(admin, "/api/settings",
                Map.of("name", "Little Acorns " + run, "timeZone", "Europe/London", "defaultLanguage", "en")));
        post(admin, "/api/settings/" + settingId + "/staff", Map.of(
                "name", "Maya Manager", "email", managerEmail, "password", password, "roles", List.of("MANAGER")));
        String keyPersonId = id(post(admin, "/api/settings/" + settingId + "/staff", Map.of(
                "name", "Kim Keyworker", "email", keyPersonEmail, "password", password, "roles", List.of("KEY_PERSON"))));

        String manager = signInThroughApi(managerEmail, password);
        String roomId = id(post(manager, "/api/settings/" + settingId + "/rooms", Map.of("name", "Rainbow room")));
        Map<String, Object> carer = new LinkedHashMap<>();
        carer.put("name", "Chris Carer");
        carer.put("relationship", "Parent");
        carer.put("email", carerEmail);
        carer.put("phone", "+447700900123");
        carer.put("password", password);
        carer.put("preferredLanguage", "en");
        carer.put("channels", List.of("SMS", "EMAIL"));
        carer.put("quietHours", null);
        Map<String, Object> family = post(manager, "/api/settings/" + settingId + "/families",
                Map.of("name", "The Carers", "carers", List.of(carer)));
        String familyId = id(family);
        String carerId = ((List<?>) family.get("carerIds")).get(0).toString();
        String childId = id(post(manager, "/api/settings/" + settingId + "/children", Map.of(
                "name", "Ada", "dateOfBirth", "2023-04-12", "familyId", familyId, "roomId", roomId,
                "keyPersonId", keyPersonId)));

        // Accounts and read models may follow the commands by a moment: wait until both can sign in.
        signInThroughApi(keyPersonEmail, password);
        signInThroughApi(carerEmail, password);
        return new OneFamilyNursery(childId, familyId, carerId, keyPersonEmail, carerEmail, password);
    }

    private String shareObservationThroughApi(OneFamilyNursery nursery, String text) {
        String keyPerson = signInThroughApi(nursery.keyPersonEmail(), nursery.password());
        return id(post(keyPerson, "/api/children/" + nursery.childId() + "/observations",
                Map.of("text", text, "areas", List.of("LITERACY"), "nextSteps", "Share a song book at bedtime.")));
    }

    /** The carers who acknowledged an entry, as the family's timeline lists them (empty while it is not listed). */
    private List<String> acknowledgedBy(String token, String familyId, String updateId) {
        Map<String, Object> page = http.get().uri("/api/families/{id}/timeline?limit=50", familyId)
                .headers(headers -> headers.setBearerAuth(token))
                .exchange()
                .expectStatus().isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        return ((List<?>) page.get("entries")).stream()
                .map(entry -> (Map<?, ?>) entry)
                .filter(entry -> updateId.equals(entry.get("id")))
                .map(entry -> ((List<?>) entry.get("acknowledgedBy")).stream().map(String::valueOf).toList())
                .findFirst()
                .orElse(List.of());
    }

    private String signInThroughApi(String username, String password) {
        return await("sign-in of " + username).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    var result = http.post().uri("/api/auth/login")
                            .bodyValue(Map.of("username", username, "password", password))
                            .exchange()
                            .expectBody(JSON_OBJECT)
                            .returnResult();
                    return result.getStatus().is2xxSuccessful() ? (String) result.getResponseBody().get("accessToken")
                            : null;
                }, token -> token != null);
    }

    private Map<String, Object> post(String token, String path, Object body) {
        return http.post().uri(path)
                .headers(headers -> headers.setBearerAuth(token))
                .bodyValue(body)
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CREATED)
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
    }

    private static String id(Map<String, Object> created) {
        assertThat(created).containsKey("id");
        return (String) created.get("id");
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }
}
