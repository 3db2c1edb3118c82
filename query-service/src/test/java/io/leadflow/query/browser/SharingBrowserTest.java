package io.leadflow.query.browser;

import io.leadflow.query.rest.ExportServiceStub;
import io.leadflow.query.rest.QueryTestData;
import io.leadflow.testinfra.LeadflowTestResource;
import io.leadflow.testinfra.TestAccess;
import io.leadflow.testinfra.TestLeads;
import io.leadflow.testinfra.TestPostgres;
import io.leadflow.testinfra.browser.HeadlessChromium;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue #16 in Debian's Chromium: an admin adds an agent on the users page, the agent shares the HOT leads masked,
 * someone without an account opens the link and sees those leads only, masked, until the agent revokes it.
 */
@QuarkusTest
@WithTestResource(value = LeadflowTestResource.class, initArgs = @ResourceArg(name = "database", value = "migrated"))
@WithTestResource(ExportServiceStub.class)
class SharingBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String XSS_NAME = "<img src=x onerror=alert(1)>";
    /** The leads' full phones and emails, and the number written in a message: none may reach a masked view. */
    private static final List<String> FULL_CONTACTS = List.of("+923001234567", "ayesha.khan@example.pk", "7654321",
            "+923451112299", "bilal@example.pk", "+971501234567", "omar@example.ae", "+923219876543");

    private static HeadlessChromium browser;

    @TestHTTPResource("/")
    URI base;

    private long ayesha;

    @BeforeAll
    static void openTheBrowser() {
        browser = HeadlessChromium.start(Paths.get("target"));
    }

    @AfterAll
    static void closeTheBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** Two HOT leads, a WARM and a COLD one; no user yet, so the first sign-in creates the first admin. */
    @BeforeEach
    void fourLeadsAndNoUsers() {
        TestLeads.deleteAll();
        TestPostgres.execute("DELETE FROM shares", "DELETE FROM users");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ayesha = TestLeads.insert(new TestLeads.Lead("Ayesha Khan", "ayesha.khan@example.pk", "+923001234567", "whatsapp",
                "I want 3 sofas today, call me on 0333 7654321", "Buy", "High", 88, "HOT", now.minus(1, ChronoUnit.HOURS)));
        // Its message, and an analysis that found the number in it: the analysis stays inside the team.
        QueryTestData.message(ayesha, "whatsapp", "I want 3 sofas today, call me on 0333 7654321",
                now.minus(1, ChronoUnit.HOURS), null, "Buy", "High", 92, "mistral", "{\"phones\":[\"+923337654321\"]}");
        TestLeads.insert(new TestLeads.Lead(XSS_NAME, "bilal@example.pk", "+923451112299", "website",
                "Need 10 chairs this week", "Buy", "High", 81, "HOT", now.minus(2, ChronoUnit.HOURS)));
        TestLeads.insert(new TestLeads.Lead("Omar Farooq", "omar@example.ae", "+971501234567", "email",
                "What is the price of the oak table?", "Pricing", "Medium", 55, "WARM", now.minus(3, ChronoUnit.HOURS)));
        TestLeads.insert(new TestLeads.Lead("Sana Iqbal", null, "+923219876543", "sms", "Just looking", "Question", "Low",
                20, "COLD", now.minus(4, ChronoUnit.HOURS)));
        driver().manage().window().setSize(HeadlessChromium.DESKTOP);
        driver().manage().deleteAllCookies();
    }

    @AfterEach
    void nobodyActs() {
        TestAccess.anonymous();
    }

    @Test
    void anAgentSharesTheHotLeadsMasked_aVisitorSeesOnlyThose_untilTheAgentRevokesTheLink() {
        signInThroughThePage(TestAccess.FIRST_ADMIN, TestAccess.FIRST_ADMIN_PASSWORD, "admin");
        openFromTheMenu("menu-users");
        waitFor(() -> !driver().findElements(userRow(TestAccess.FIRST_ADMIN)).isEmpty());
        String password = "agent " + UUID.randomUUID();
        driver().findElement(By.id("new-username")).sendKeys("sara");
        driver().findElement(By.id("new-password")).sendKeys(password);
        new Select(driver().findElement(By.id("new-role"))).selectByValue("agent");
        driver().findElement(By.id("user-add-submit")).click();
        waitFor(() -> !driver().findElements(userRow("sara")).isEmpty());
        assertThat(new Select(driver().findElement(By.cssSelector("tr[data-username='sara'] select.role")))
                .getFirstSelectedOption().getAttribute("value")).isEqualTo("agent");
        driver().findElement(By.id("sign-out")).click();
        // Signed out when the page has reloaded and asks to sign in (the page before never does).
        waitFor(() -> driver().findElement(By.id("login")).isDisplayed());

        signInThroughThePage("sara", password, "agent");
        driver().findElement(By.cssSelector("#pages-menu summary")).click();
        assertThat(driver().findElement(By.id("menu-shares")).isDisplayed()).isTrue();
        assertThat(driver().findElement(By.id("menu-users")).isDisplayed()).as("users are for admins").isFalse();
        driver().findElement(By.cssSelector("#pages-menu summary")).click();
        waitFor(() -> rows(driver()).size() == 4);
        new Select(driver().findElement(By.id("filter-quality"))).selectByValue("HOT");
        waitFor(() -> rows(driver()).size() == 2);

        driver().findElement(By.id("share-view")).click();
        waitFor(() -> driver().findElement(By.id("share-dialog")).isDisplayed());
        assertThat(text(driver(), By.id("share-filters"))).isEqualTo("Grade: HOT");
        assertThat(new Select(driver().findElement(By.id("share-expiry"))).getFirstSelectedOption().getText())
                .isEqualTo("72 hours (3 days)");
        assertThat(driver().findElement(By.id("share-mask")).isSelected()).isTrue();
        assertThat(driver().findElement(By.id("share-export")).isSelected()).isFalse();
        browser.screenshot("share-dialog");
        driver().findElement(By.id("share-create")).click();
        waitFor(() -> driver().findElement(By.id("share-result")).isDisplayed());
        String link = driver().findElement(By.id("share-link")).getDomProperty("value");
        assertThat(link).matches(Pattern.quote(origin()) + "/s/[A-Za-z0-9_-]{43}");
        driver().findElement(By.id("share-copy")).click();
        waitFor(() -> !text(driver(), By.id("share-copied")).isEmpty());
        browser.screenshot("share-dialog-link");
        driver().findElement(By.id("share-done")).click();
        String token = link.substring(link.lastIndexOf('/') + 1);

        try (HeadlessChromium visitorsBrowser = HeadlessChromium.start(Paths.get("target"))) {
            ChromeDriver visitor = visitorsBrowser.driver();
            visitor.get(link);
            waitFor(visitor, () -> rows(visitor).size() == 2 && text(visitor, By.id("stat-total")).equals("2"));
            assertThat(rows(visitor)).allSatisfy(row ->
                    assertThat(row.findElement(By.cssSelector(".badge")).getText()).isEqualTo("HOT"));
            assertThat(text(visitor, By.cssSelector("tr[data-id='" + ayesha + "'] td.contact")))
                    .isEqualTo("+92300*****67\na***@example.pk");
            assertThat(text(visitor, By.id("shared-banner"))).contains("Shared view").contains("Shared by sara")
                    .contains("Phones and emails are masked").contains("Shows: Grade: HOT");
            for (String teamOnly : List.of("login", "filters", "share-view", "download-csv", "user-menu")) {
                assertThat(visitor.findElement(By.id(teamOnly)).isDisplayed()).as(teamOnly).isFalse();
            }
            assertThat(visitor.findElements(By.cssSelector("img[src='x']"))).isEmpty();
            visitor.findElement(By.cssSelector("tr[data-id='" + ayesha + "'] td.name")).click();
            waitFor(visitor, () -> text(visitor, By.cssSelector("#conversation .bubble .text"))
                    .equals("I want 3 sofas today, call me on 0333 *****21"));
            assertThat(visitor.findElement(By.id("detail-status")).isDisplayed()).as("no status form").isFalse();
            assertThat(text(visitor, By.id("detail-contact"))).contains("+92300*****67");
            visitorsBrowser.screenshot("shared-view-detail");
            assertThat(FULL_CONTACTS).noneMatch(visitor.getPageSource()::contains);
            visitor.findElement(By.id("detail-close")).click();
            assertThat(FULL_CONTACTS).noneMatch(visitor.findElement(By.tagName("body")).getText()::contains);
            assertThat(text(visitor, By.tagName("body"))).doesNotContain("Omar Farooq").doesNotContain("Sana Iqbal");
            waitFor(visitor, () -> text(visitor, By.id("live-state")).equals("Live"));
            visitorsBrowser.screenshot("shared-view");
            assertThat(visitorsBrowser.consoleErrors()).isEmpty();

            openFromTheMenu("menu-shares");
            By sharedLink = By.cssSelector("#shares-table tbody tr");
            waitFor(() -> driver().findElements(sharedLink).size() == 1);
            assertThat(driver().findElement(sharedLink).findElements(By.tagName("td")).stream().map(WebElement::getText)
                    .toList().subList(0, 2)).containsExactly("Grade: HOT", "sara");
            assertThat(text(driver(), By.cssSelector("#shares-table td.masking"))).isEqualTo("Masked");
            assertThat(text(driver(), By.cssSelector("#shares-table td.export"))).isEqualTo("No");
            browser.screenshot("shared-links");
            driver().findElement(By.cssSelector("#shares-table button.revoke")).click();
            new WebDriverWait(driver(), WAIT).until(ExpectedConditions.alertIsPresent()).accept();
            waitFor(() -> driver().findElement(By.id("shares-empty")).isDisplayed());

            // The open page learns it from its stream, which ends with the link; a reload asks again.
            waitFor(visitor, () -> text(visitor, By.id("link-closed-title")).equals("This link was revoked"));
            assertThat(visitor.findElement(By.id("main")).isDisplayed()).isFalse();
            visitor.navigate().refresh();
            waitFor(visitor, () -> text(visitor, By.id("link-closed-title")).equals("This link was revoked"));
            assertThat(visitor.findElement(By.id("login")).isDisplayed()).isFalse();
            visitorsBrowser.screenshot("shared-view-revoked");
        }
        given().get(base.resolve("/api/shared/" + token)).then().statusCode(410)
                .body("detail", equalTo("This share link was revoked."));
    }

    @Test
    void aLinkThatExpiredOrNeverExisted_saysSo_insteadOfTheDashboard() {
        TestAccess.actAs("agent");
        String url = given().contentType(ContentType.JSON).body(Map.of("filters", Map.of("quality", "HOT")))
                .post(base.resolve("/api/shares")).then().statusCode(201).extract().path("url");
        TestPostgres.execute("UPDATE shares SET expires_at = now() - interval '1 minute'");
        TestAccess.anonymous();

        // The page at /s/{token} is the dashboard's, and sends its address (the token) to no one.
        given().get(base.resolve(url)).then().statusCode(200).body(containsString("/static/dashboard.js"))
                .header("Referrer-Policy", "no-referrer")
                .header("Content-Security-Policy", containsString("script-src 'self'"));
        load(url);
        waitFor(() -> text(driver(), By.id("link-closed-title")).equals("This link has expired"));
        assertThat(text(driver(), By.id("link-closed-detail"))).startsWith("It was open until ");
        assertThat(driver().findElement(By.id("main")).isDisplayed()).isFalse();
        assertThat(driver().findElement(By.id("login")).isDisplayed()).isFalse();

        load("/s/" + "A".repeat(43));
        waitFor(() -> text(driver(), By.id("link-closed-title")).equals("This link does not exist"));
        assertThat(driver().findElement(By.id("login")).isDisplayed()).isFalse();
        browser.screenshot("shared-view-unknown");
    }

    @Test
    void anUnmaskedLinkWithDownloads_showsTheContactsInFull_andTheLinksDownloadButtons() {
        TestAccess.actAs("agent");
        String url = given().contentType(ContentType.JSON)
                .body(Map.of("filters", Map.of("channel", "whatsapp"), "mask_contacts", false, "allow_export", true))
                .post(base.resolve("/api/shares")).then().statusCode(201).extract().path("url");
        TestAccess.anonymous();

        load(url);
        waitFor(() -> rows(driver()).size() == 1);
        assertThat(text(driver(), By.cssSelector("tr[data-id='" + ayesha + "'] td.contact")))
                .isEqualTo("+923001234567\nayesha.khan@example.pk");
        assertThat(text(driver(), By.id("shared-banner"))).contains("Shared by test-agent")
                .contains("Phones and emails are shown in full").contains("Shows: Channel: WhatsApp");
        String api = origin() + "/api/shared/" + url.substring("/s/".length());
        assertThat(driver().findElement(By.id("download-csv")).getAttribute("href")).isEqualTo(api + "/export/leads.csv");
        assertThat(driver().findElement(By.id("download-xlsx")).getAttribute("href")).isEqualTo(api + "/export/leads.xlsx");
        assertThat(driver().findElement(By.id("download-csv")).isDisplayed()).isTrue();
        assertThat(driver().findElement(By.id("share-view")).isDisplayed()).isFalse();

        driver().manage().window().setSize(HeadlessChromium.PHONE);
        waitFor(() -> (Long) driver().executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;") == 0);
        browser.screenshot("shared-view-phone");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void usersPage_changesRolesResetsPasswordsDeletes_andShowsWhyTheLastAdminStays() {
        browser.signIn(origin(), TestAccess.token("test-admin", "admin"));
        load("/#users");
        waitFor(() -> !driver().findElements(userRow("test-admin")).isEmpty());
        driver().findElement(By.id("new-username")).sendKeys("omar");
        driver().findElement(By.id("new-password")).sendKeys("first password " + UUID.randomUUID());
        new Select(driver().findElement(By.id("new-role"))).selectByValue("viewer");
        driver().findElement(By.id("user-add-submit")).click();
        waitFor(() -> !driver().findElements(userRow("omar")).isEmpty());
        assertThat(TestPostgres.column("SELECT role FROM users WHERE username = 'omar'")).containsExactly("viewer");

        new Select(driver().findElement(By.cssSelector("tr[data-username='omar'] select.role"))).selectByValue("agent");
        waitFor(() -> TestPostgres.column("SELECT role FROM users WHERE username = 'omar'").equals(List.of("agent")));

        // The only admin may not become a viewer: the API's reason is on the page, and the role stays.
        new Select(driver().findElement(By.cssSelector("tr[data-username='test-admin'] select.role")))
                .selectByValue("viewer");
        waitFor(() -> driver().findElement(By.id("users-error")).isDisplayed());
        assertThat(text(driver(), By.id("users-error")))
                .isEqualTo("The role was not changed: test-admin is the only admin: add another first");
        assertThat(new Select(driver().findElement(By.cssSelector("tr[data-username='test-admin'] select.role")))
                .getFirstSelectedOption().getAttribute("value")).isEqualTo("admin");
        browser.screenshot("users-page");

        String newPassword = "second password " + UUID.randomUUID();
        driver().findElement(By.cssSelector("tr[data-username='omar'] button.reset-password")).click();
        waitFor(() -> driver().findElement(By.id("password-dialog")).isDisplayed());
        driver().findElement(By.id("password-new")).sendKeys(newPassword);
        driver().findElement(By.id("password-save")).click();
        waitFor(() -> !driver().findElement(By.id("password-dialog")).isDisplayed());
        given().contentType(ContentType.JSON).body(Map.of("username", "omar", "password", newPassword))
                .post(base.resolve("/api/auth/login")).then().statusCode(200).body("role", equalTo("agent"));

        driver().findElement(By.cssSelector("tr[data-username='omar'] button.delete-user")).click();
        new WebDriverWait(driver(), WAIT).until(ExpectedConditions.alertIsPresent()).accept();
        waitFor(() -> driver().findElements(userRow("omar")).isEmpty());
        assertThat(TestPostgres.column("SELECT username FROM users ORDER BY username")).containsExactly("test-admin");
    }

    private void signInThroughThePage(String username, String password, String role) {
        load("/");
        waitFor(() -> driver().findElement(By.id("login")).isDisplayed());
        driver().findElement(By.id("login-username")).sendKeys(username);
        driver().findElement(By.id("login-password")).sendKeys(password);
        driver().findElement(By.id("login-submit")).click();
        waitFor(() -> text(driver(), By.id("user-name")).equals(username + " · " + role));
    }

    private void openFromTheMenu(String item) {
        driver().findElement(By.cssSelector("#pages-menu summary")).click();
        driver().findElement(By.id(item)).click();
    }

    private static By userRow(String username) {
        return By.cssSelector("#users-table tr[data-username='" + username + "']");
    }

    private String origin() {
        return base.toString().replaceAll("/$", "");
    }

    private void load(String path) {
        browser.consoleErrors();
        driver().get(base.resolve(path).toString());
    }

    private static List<WebElement> rows(ChromeDriver driver) {
        return driver.findElements(By.cssSelector("#lead-table tbody tr[data-id]"));
    }

    private static String text(ChromeDriver driver, By locator) {
        List<WebElement> found = driver.findElements(locator);
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    private static void waitFor(BooleanSupplier condition) {
        waitFor(driver(), condition);
    }

    private static void waitFor(ChromeDriver driver, BooleanSupplier condition) {
        new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class)
                .until(d -> condition.getAsBoolean());
    }

    private static ChromeDriver driver() {
        return browser.driver();
    }
}
