package io.leadflow.query.browser;

import io.leadflow.events.Channel;
import io.leadflow.events.EventJson;
import io.leadflow.events.Intent;
import io.leadflow.events.LeadScored;
import io.leadflow.events.LeadStatus;
import io.leadflow.events.LeadView;
import io.leadflow.events.Quality;
import io.leadflow.events.ScoreBreakdown;
import io.leadflow.events.Topics;
import io.leadflow.events.Urgency;
import io.leadflow.query.rest.ExportServiceStub;
import io.leadflow.query.rest.QueryTestData;
import io.leadflow.testinfra.LeadflowTestResource;
import io.leadflow.testinfra.TestAccess;
import io.leadflow.testinfra.TestKafka;
import io.leadflow.testinfra.TestLeads;
import io.leadflow.testinfra.browser.HeadlessChromium;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The dashboard in Debian's Chromium, against the service with a real database and broker. */
@QuarkusTest
@WithTestResource(value = LeadflowTestResource.class, initArgs = @ResourceArg(name = "database", value = "migrated"))
@WithTestResource(ExportServiceStub.class)
class DashboardBrowserTest {

    static final String XSS_NAME = "<img src=x onerror=alert(1)>";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static HeadlessChromium browser;

    @TestHTTPResource("/")
    URI base;

    private long xssLead;

    @BeforeAll
    static void openTheBrowser() {
        browser = HeadlessChromium.start(java.nio.file.Paths.get("target"));
    }

    @AfterAll
    static void closeTheBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void aRealisticInbox() {
        TestLeads.deleteAll();
        QueryTestData.generate(120, 21, Instant.now());
        xssLead = QueryTestData.leadWithConversation(XSS_NAME, "+923009998877", "Buy", 88, "HOT");
        driver().manage().window().setSize(HeadlessChromium.DESKTOP);
        browser.signIn(base.toString().replaceAll("/$", ""), TestAccess.token("test-agent", "agent"));
    }

    @Test
    void withoutASession_thePageAsksToSignIn_saysWhatWentWrong_andSignsInAndOut() {
        driver().manage().deleteAllCookies();
        TestAccess.actAs("admin");
        String password = "browser " + UUID.randomUUID();
        given().contentType("application/json")
                .body(Map.of("username", "browser-viewer", "password", password, "role", "viewer"))
                .post(base.resolve("/api/users")).then().statusCode(201);
        TestAccess.anonymous();

        load("/");
        waitFor(() -> driver().findElement(By.id("login")).isDisplayed());
        assertThat(driver().findElement(By.id("main")).isDisplayed()).isFalse();
        driver().findElement(By.id("login-username")).sendKeys("browser-viewer");
        driver().findElement(By.id("login-password")).sendKeys("not the password");
        driver().findElement(By.id("login-submit")).click();
        waitFor(() -> text(By.id("login-error")).equals("Wrong user name or password"));

        driver().findElement(By.id("login-password")).clear();
        driver().findElement(By.id("login-password")).sendKeys(password);
        driver().findElement(By.id("login-submit")).click();
        waitFor(() -> driver().findElement(By.id("main")).isDisplayed());
        waitFor(() -> text(By.id("user-name")).equals("browser-viewer · viewer"));
        waitFor(() -> text(By.id("stat-total")).equals("121"));
        // A viewer reads: no status form, no downloads.
        assertThat(driver().findElement(By.id("download-csv")).isDisplayed()).isFalse();
        browser.screenshot("dashboard-signed-in-viewer");

        driver().findElement(By.id("sign-out")).click();
        waitFor(() -> driver().findElement(By.id("login")).isDisplayed());
        browser.screenshot("dashboard-sign-in");
        given().header("Authorization", TestAccess.bearer("admin")).delete(base.resolve("/api/users/browser-viewer"))
                .then().statusCode(204);
        browser.consoleErrors();
    }

    @Test
    void page_loadsItsNumbersTableAndChart_withoutConsoleErrors() {
        load("/");
        waitFor(() -> text(By.id("stat-total")).equals("121"));
        // The numbers and the table load side by side: either may come first.
        waitFor(() -> rows().size() == 50);
        driver().findElement(By.id("load-more")).click();
        waitFor(() -> rows().size() == 100);
        assertThat(driver().findElements(By.cssSelector("#chart svg rect"))).isNotEmpty();
        assertThat(text(By.id("updated-at"))).startsWith("Updated ");
        assertThat(driver().findElements(By.cssSelector("#lead-table .badge.HOT"))).isNotEmpty();
        waitFor(() -> text(By.id("live-state")).equals("Live"));
        ((JavascriptExecutor) driver()).executeScript("window.scrollTo(0, 0);");
        browser.screenshot("dashboard-desktop");
        assertThat(browser.consoleErrors()).isEmpty();

        load("/static/dashboard.html");
        waitFor(() -> rows().size() == 50);
        assertThat(driver().findElement(By.id("load-more")).isDisplayed()).isTrue();
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void scoredLead_appearsWithoutAReload() {
        load("/");
        waitFor(() -> text(By.id("live-state")).equals("Live"));
        ((JavascriptExecutor) driver()).executeScript("window.sameDocument = 'yes';");
        long id = TestLeads.insert(new TestLeads.Lead("Zainab Live", null, "+923001112233", "whatsapp",
                "I want to buy 2 solar panels today", "Buy", "High", 86, "HOT", Instant.now()));
        LeadView lead = new LeadView(id, "Zainab Live", null, "+923001112233", Channel.WHATSAPP,
                "I want to buy 2 solar panels today", Intent.BUY, Urgency.HIGH, 86, Quality.HOT, LeadStatus.NEW, 1,
                Instant.now().truncatedTo(ChronoUnit.MICROS), Instant.now().truncatedTo(ChronoUnit.MICROS), false);
        String event = EventJson.write(new LeadScored("m-live", "+923001112233", Channel.WHATSAPP, Instant.now(),
                lead, new ScoreBreakdown(86, Quality.HOT, List.of())));
        // The replica's consumer joins its group when the service starts: scoring's event is sent until it is heard.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(3)).until(() -> {
            TestKafka.send(Topics.SCORED, "+923001112233", event);
            return !driver().findElements(By.cssSelector("#lead-table tr[data-id='" + id + "']")).isEmpty();
        });
        // Read through waitFor: an event sent again by the loop above may redraw the table between two reads.
        waitFor(() -> rows().get(0).getAttribute("data-id").equals(String.valueOf(id))
                && text(By.cssSelector("#lead-table tr[data-id='" + id + "'] td.name")).startsWith("Zainab Live"));
        assertThat(((JavascriptExecutor) driver()).executeScript("return window.sameDocument;")).isEqualTo("yes");
    }

    @Test
    void filtersAndSearch_narrowTheTable() {
        load("/");
        waitFor(() -> rows().size() == 50);
        new Select(driver().findElement(By.id("filter-quality"))).selectByValue("HOT");
        waitFor(() -> rows().stream().allMatch(row -> row.findElement(By.cssSelector(".badge")).getText().equals("HOT")));
        int hot = QueryTestData.count("SELECT count(*) FROM leads WHERE quality = 'HOT'");
        waitFor(() -> rows().size() == Math.min(50, hot));

        new Select(driver().findElement(By.id("filter-channel"))).selectByValue("whatsapp");
        int hotWhatsapp = QueryTestData.count("SELECT count(*) FROM leads WHERE quality = 'HOT' AND channel = 'whatsapp'");
        waitFor(() -> rows().size() == Math.min(50, hotWhatsapp));
        assertThat(driver().getCurrentUrl()).contains("quality=HOT").contains("channel=whatsapp");

        driver().findElement(By.id("clear-filters")).click();
        waitFor(() -> rows().size() == 50);
        driver().findElement(By.id("search")).sendKeys("9998877");
        waitFor(() -> rows().size() == 1);
        assertThat(rows().get(0).getAttribute("data-id")).isEqualTo(String.valueOf(xssLead));
        assertThat(driver().findElement(By.id("load-more")).isDisplayed()).isFalse();
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void detailPanel_showsTheConversationAnalysisAndWhyThisScore() {
        load("/");
        waitFor(() -> !driver().findElements(By.cssSelector("#lead-table tr[data-id='" + xssLead + "']")).isEmpty());
        driver().findElement(By.cssSelector("#lead-table tr[data-id='" + xssLead + "'] td.grade")).click();
        new WebDriverWait(driver(), WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#breakdown .factor")));
        List<String> factors = driver().findElements(By.cssSelector("#breakdown .factor")).stream()
                .map(factor -> factor.getAttribute("data-factor")).toList();
        assertThat(factors).containsExactly("intent", "urgency", "contact_quality", "channel", "data_quality",
                "message_length", "bonus");
        assertThat(text(By.cssSelector("#breakdown .factor[data-factor='intent'] .factor-points"))).isEqualTo("28 / 30");
        assertThat(text(By.cssSelector("#breakdown .factor[data-factor='intent'] .factor-evidence")))
                .isEqualTo("Buy intent from mistral, confidence 92");
        assertThat(driver().findElements(By.cssSelector("#conversation .bubble .text")).stream().map(WebElement::getText).toList())
                .containsExactly("Do you have solar panels?", "I want to buy 3 today, it is urgent");
        assertThat(text(By.id("detail-analysis"))).contains("mistral").contains("92%");
        assertThat(driver().findElement(By.id("detail-duplicates")).isDisplayed()).as("no possible duplicates").isFalse();
        browser.screenshot("dashboard-desktop-detail");

        new Select(driver().findElement(By.id("status-select"))).selectByValue("contacted");
        driver().findElement(By.id("status-note")).sendKeys("Called; sends a quote tomorrow");
        driver().findElement(By.cssSelector("#status-form button[type=submit]")).click();
        waitFor(() -> text(By.id("detail-activity")).contains("New → Contacted: Called; sends a quote tomorrow"));
        waitFor(() -> text(By.cssSelector("#lead-table tr[data-id='" + xssLead + "'] .pill")).equals("Contacted"));
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void detailPanel_listsThePossibleSamePerson_andItsLinkOpensThatLead() {
        Instant now = Instant.now();
        long sister = TestLeads.insert(new TestLeads.Lead("Sadia", null, "+923005556677", "sms", "Price of panels?",
                "Pricing", "Low", 35, "COLD", now.minusSeconds(3600)));
        QueryTestData.identity(sister, "phone", "+923005556677");
        long written = QueryTestData.message(xssLead, "whatsapp", "My sister +923005556677 wants one too", now.minusSeconds(10),
                null, "Buy", "High", 90, "offline", "{\"phones\":[\"+923005556677\"]}");
        QueryTestData.written(xssLead, "phone", "+923005556677", written, now.minusSeconds(10));
        load("/");
        waitFor(() -> !driver().findElements(By.cssSelector("#lead-table tr[data-id='" + xssLead + "']")).isEmpty());
        driver().findElement(By.cssSelector("#lead-table tr[data-id='" + xssLead + "'] td.grade")).click();

        new WebDriverWait(driver(), WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("detail-duplicates")));
        assertThat(text(By.cssSelector("#detail-duplicates h3"))).isEqualToIgnoringCase("Possible same person");
        assertThat(driver().findElements(By.cssSelector("#duplicates li")).stream().map(WebElement::getText).toList())
                .containsExactly("Sadia: their phone +923005556677 is written in this lead’s messages");
        browser.screenshot("dashboard-desktop-detail-duplicates");
        driver().findElement(By.cssSelector("#duplicates li a")).click();

        waitFor(() -> text(By.id("detail-name")).equals("Sadia"));
        waitFor(() -> driver().findElements(By.cssSelector("#duplicates li")).stream().map(WebElement::getText).toList()
                .equals(List.of(XSS_NAME + ": this lead’s phone +923005556677 is written in their messages")));
        assertThat(driver().findElements(By.cssSelector("img[src='x']"))).isEmpty();
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void scriptInAName_isShownAsText_andNeverRuns() {
        load("/");
        By nameCell = By.cssSelector("#lead-table tr[data-id='" + xssLead + "'] td.name");
        waitFor(() -> !driver().findElements(nameCell).isEmpty());
        assertThat(text(nameCell)).startsWith(XSS_NAME);
        driver().findElement(nameCell).click();
        waitFor(() -> text(By.id("detail-name")).equals(XSS_NAME));
        assertThat(driver().findElements(By.cssSelector("img[src='x']"))).isEmpty();
        // An alert would be open now (and fail this call) had the name run as markup.
        assertThat(((JavascriptExecutor) driver()).executeScript("return document.title;")).isEqualTo("Leadflow · Leads");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void downloadButtons_giveTheFilesOfTheCurrentFilter() throws IOException {
        load("/?quality=HOT");
        waitFor(() -> !rows().isEmpty());
        assertThat(driver().findElement(By.id("download-csv")).getAttribute("href")).contains("/api/export/leads.csv?quality=HOT");
        driver().findElement(By.id("download-csv")).click();
        Path csv = downloaded(".csv");
        assertThat(Files.readString(csv, StandardCharsets.UTF_8))
                .isEqualTo(ExportServiceStub.csvFirstHalf() + ExportServiceStub.csvSecondHalf());
        driver().findElement(By.id("download-xlsx")).click();
        Path xlsx = downloaded(".xlsx");
        assertThat(Files.readAllBytes(xlsx)).isEqualTo(ExportServiceStub.XLSX_BYTES);
        assertThat(ExportServiceStub.requests()).anyMatch(uri -> uri.startsWith("/api/export/leads.xlsx?quality=HOT&tz="));
    }

    @Test
    void phoneWidth_fitsTheScreen_withoutHorizontalScroll() {
        driver().manage().window().setSize(HeadlessChromium.PHONE);
        load("/");
        waitFor(() -> rows().size() == 50);
        assertThat(horizontalOverflow()).as("wider than the screen: %s", tooWide()).isZero();
        browser.screenshot("dashboard-phone");
        driver().findElement(By.cssSelector("#lead-table tr[data-id='" + xssLead + "'] td.name")).click();
        new WebDriverWait(driver(), WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#breakdown .factor")));
        assertThat(horizontalOverflow()).as("wider than the screen: %s", tooWide()).isZero();
        browser.screenshot("dashboard-phone-detail");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void unreachableApi_showsABanner_andTheDashboardRecovers() {
        load("/");
        waitFor(() -> rows().size() == 50);
        assertThat(driver().findElement(By.id("api-banner")).isDisplayed()).isFalse();
        ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
        offline.setOffline(true);
        driver().setNetworkConditions(offline);
        try {
            driver().findElement(By.id("refresh")).click();
            new WebDriverWait(driver(), WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("api-banner")));
            assertThat(text(By.id("api-banner"))).contains("Can’t reach the Leadflow API");
            assertThat(text(By.id("live-state"))).isEqualTo("Offline");
            browser.screenshot("dashboard-offline");
        } finally {
            driver().deleteNetworkConditions();
        }
        new WebDriverWait(driver(), WAIT).until(ExpectedConditions.invisibilityOfElementLocated(By.id("api-banner")));
        waitFor(() -> rows().size() == 50);
        browser.consoleErrors(); // the failed requests while offline were expected
    }

    private Path downloaded(String extension) {
        return await().atMost(WAIT).until(() -> {
            try (Stream<Path> files = Files.list(browser.downloads())) {
                return files.filter(file -> file.toString().endsWith(extension)).findFirst().orElse(null);
            }
        }, file -> file != null && file.toFile().length() > 0);
    }

    private long horizontalOverflow() {
        return (Long) ((JavascriptExecutor) driver()).executeScript(
                "return Math.max(0, document.documentElement.scrollWidth - window.innerWidth);");
    }

    /** Opens a page, forgetting the console of the page before. */
    /** The elements that reach past the right edge of the window, for a failure message. */
    private Object tooWide() {
        return ((JavascriptExecutor) driver()).executeScript("return Array.from(document.querySelectorAll('body *'))"
                + ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)"
                + ".slice(0, 8).map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));");
    }

    private void load(String path) {
        browser.consoleErrors();
        driver().get(base.resolve(path).toString());
    }

    private List<WebElement> rows() {
        return driver().findElements(By.cssSelector("#lead-table tbody tr[data-id]"));
    }

    private String text(By locator) {
        List<WebElement> found = driver().findElements(locator);
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    private void waitFor(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(driver(), WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> condition.getAsBoolean());
    }

    private static ChromeDriver driver() {
        return browser.driver();
    }
}
