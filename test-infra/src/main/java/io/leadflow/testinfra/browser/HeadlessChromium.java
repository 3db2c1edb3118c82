package io.leadflow.testinfra.browser;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

/**
 * Debian's Chromium, headless, driven by its chromedriver: nothing is downloaded (no Selenium Manager, no browser
 * build of its own). Install both with {@code apt-get install -y chromium chromium-driver}; {@code CHROMIUM_BIN} and
 * {@code CHROMEDRIVER_BIN} point elsewhere. Each browser gets a fresh profile and download folder under target/.
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final Dimension DESKTOP = new Dimension(1366, 900);
    public static final Dimension PHONE = new Dimension(390, 844);

    private final ChromeDriver driver;
    private final Path downloads;
    private final Path target;

    private HeadlessChromium(ChromeDriver driver, Path downloads, Path target) {
        this.driver = driver;
        this.downloads = downloads;
        this.target = target;
    }

    /** Starts a browser; its profile, downloads and screenshots go under {@code target} (a module's target/). */
    public static HeadlessChromium start(Path target) {
        String chromium = System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium");
        String chromedriver = System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver");
        if (!Files.isExecutable(Paths.get(chromium)) || !Files.isExecutable(Paths.get(chromedriver))) {
            throw new IllegalStateException("Chromium and its driver are needed for the browser tests: "
                    + "apt-get install -y chromium chromium-driver (looked for " + chromium + " and " + chromedriver + ")");
        }
        try {
            Path profile = Files.createTempDirectory(Files.createDirectories(target), "chrome-profile-");
            Path downloads = Files.createTempDirectory(target, "chrome-downloads-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(chromium);
            // As root Chromium needs --no-sandbox; the rest keeps it from reaching for anything outside this machine.
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath(),
                    "--window-size=" + DESKTOP.width + "," + DESKTOP.height);
            options.setExperimentalOption("prefs", Map.of(
                    "download.default_directory", downloads.toAbsolutePath().toString(),
                    "download.prompt_for_download", false,
                    "safebrowsing.enabled", false));
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(chromedriver))
                    .usingAnyFreePort()
                    .build();
            return new HeadlessChromium(new ChromeDriver(service, options), downloads, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /**
     * Signs the browser in at {@code baseUrl} with a token, as the login page would: the session cookie, set through
     * the DevTools protocol (no page is loaded for it). Load the page afterwards.
     */
    public void signIn(String baseUrl, String token) {
        driver.manage().deleteAllCookies();
        driver.executeCdpCommand("Network.setCookie", Map.of("name", "leadflow_session", "value", token,
                "url", baseUrl + "/", "httpOnly", true, "sameSite", "Strict"));
    }

    /** Where downloads land. */
    public Path downloads() {
        return downloads;
    }

    /** The console's errors since the last call (a failed request for a page asset counts). */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    /** Saves a screenshot as a build artifact under target/screenshots/. */
    public Path screenshot(String name) {
        try {
            Path directory = Files.createDirectories(target.resolve("screenshots"));
            Path file = directory.resolve(name + ".png");
            Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), file,
                    StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
