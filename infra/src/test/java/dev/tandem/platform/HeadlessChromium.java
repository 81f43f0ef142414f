package dev.tandem.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium and ChromeDriver, headless, as the browser tests drive them: the system driver only
 * (Selenium Manager never downloads one), no background networking (this machine's network is closed),
 * a fresh profile per browser.
 */
final class HeadlessChromium {

    static final String CHROMIUM_PATH = "/usr/bin/chromium";
    static final String CHROMEDRIVER_PATH = "/usr/bin/chromedriver";
    /** Why a browser test is skipped, said as its skip reason and in the build log: never a silent skip. */
    static final String MISSING = "skipped: Chromium (" + CHROMIUM_PATH + ") or chromedriver (" + CHROMEDRIVER_PATH
            + ") is missing. `.ci/run` installs them with `apt-get update && apt-get install -y chromium"
            + " chromium-driver`; do the same to run this test.";

    private static final Path CHROMIUM = Path.of(CHROMIUM_PATH);
    private static final Path CHROMEDRIVER = Path.of(CHROMEDRIVER_PATH);

    private HeadlessChromium() {
    }

    static boolean installed(String test) {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed) {
            System.err.println("WARNING: " + test + " " + MISSING);
        }
        return installed;
    }

    /** A browser with its profile in {@code userDataDir} and these Chrome preferences (downloads, say). */
    static WebDriver start(Path userDataDir, Map<String, Object> preferences) {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + userDataDir);
        if (!preferences.isEmpty()) {
            options.setExperimentalOption("prefs", preferences);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }
}
