package io.leadflow.system;

import io.leadflow.testinfra.SseReader;
import io.leadflow.testinfra.TestAccess;
import io.leadflow.testinfra.browser.HeadlessChromium;
import io.leadflow.testinfra.stack.LeadflowStack;
import io.leadflow.testinfra.stack.Service;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard as a salesperson uses it, every service a separate process: a customer writes to ingest, the
 * lead shows up live in Chromium, the CSV button downloads it through query-service, and the page says so when the
 * API goes away and recovers when it is back.
 */
class DashboardIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static LeadflowStack stack;
    private static HeadlessChromium browser;

    @BeforeAll
    static void startTheSystemAndABrowser() {
        stack = LeadflowStack.start(Paths.get(System.getProperty("leadflow.system-test.logs", "target/service-logs")), Map.of());
        // Reads of the leads go as an admin would, with a token (ingest ignores it).
        TestAccess.actAs("admin");
        browser = HeadlessChromium.start(Paths.get("target"));
        signInThroughThePage();
    }

    /** An admin adds an agent; the agent signs in on the dashboard's own form: its session cookie serves every test. */
    private static void signInThroughThePage() {
        String password = "agent " + UUID.randomUUID();
        given().baseUri(stack.url(Service.QUERY)).contentType("application/json")
                .body(Map.of("username", "system-agent", "password", password, "role", "agent"))
                .post("/api/users").then().statusCode(201);
        browser.driver().get(stack.url(Service.QUERY) + "/");
        new WebDriverWait(browser.driver(), WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("login")));
        browser.driver().findElement(By.id("login-username")).sendKeys("system-agent");
        browser.driver().findElement(By.id("login-password")).sendKeys(password);
        browser.driver().findElement(By.id("login-submit")).click();
        new WebDriverWait(browser.driver(), WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("main")));
        browser.consoleErrors();
    }

    @AfterAll
    static void stopEverything() {
        if (browser != null) {
            browser.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void webhook_reachesTheLiveStream() throws Exception {
        String phone = "+923004440001";
        try (SseReader stream = new SseReader(URI.create(stack.url(Service.QUERY) + "/api/leads/stream"), null, TestAccess.bearer("viewer"))) {
            stream.await(event -> "ready".equals(event.name()), Duration.ofSeconds(20));
            postWebhook(phone, "Bilal", "How much for 2 generators? Need them this week");
            SseReader.Event event = stream.await(e -> "lead".equals(e.name()) && e.data().contains(phone), WAIT);
            assertThat(event.data()).contains("\"user_name\":\"Bilal\"").contains("\"channel\":\"whatsapp\"");
        }
    }

    @Test
    void leadPostedToIngest_appearsWithoutAReload_withItsNameAsText_andDownloads() throws IOException {
        String name = "<img src=x onerror=alert(1)>";
        String phone = "+923004440002";
        browser.driver().get(stack.url(Service.QUERY) + "/");
        new WebDriverWait(browser.driver(), WAIT).until(d -> d.findElement(By.id("live-state")).getText().equals("Live"));
        ((JavascriptExecutor) browser.driver()).executeScript("window.sameDocument = 'yes';");

        postWebhook(phone, name, "I want to buy 3 units today, it is urgent");

        By row = By.xpath("//table[@id='lead-table']//tr[.//a[@href='tel:" + phone + "']]");
        WebElement lead = new WebDriverWait(browser.driver(), WAIT).until(ExpectedConditions.presenceOfElementLocated(row));
        assertThat(lead.findElement(By.cssSelector("td.name")).getText()).startsWith(name);
        assertThat(lead.findElement(By.cssSelector(".badge")).getText()).isEqualTo("HOT");
        assertThat(browser.driver().findElements(By.cssSelector("img[src='x']"))).isEmpty();
        assertThat(((JavascriptExecutor) browser.driver()).executeScript("return window.sameDocument;")).isEqualTo("yes");
        assertThat(browser.consoleErrors()).isEmpty();
        new WebDriverWait(browser.driver(), WAIT).until(d -> !d.findElement(By.id("stat-hot")).getText().equals("0"));
        browser.screenshot("system-dashboard-desktop");

        browser.driver().findElement(By.id("download-csv")).click();
        Path csv = await().atMost(WAIT).until(() -> {
            try (Stream<Path> files = Files.list(browser.downloads())) {
                return files.filter(file -> file.toString().endsWith(".csv")).findFirst().orElse(null);
            }
        }, file -> file != null && file.toFile().length() > 0);
        assertThat(Files.readString(csv, StandardCharsets.UTF_8)).contains(phone.substring(1));
    }

    @Test
    void aShareLinksDownload_goesThroughQueryServiceToExportService_withoutASignIn_andMasked() {
        String phone = "+923004440003";
        postWebhook(phone, "Hina", "Please send 4 solar panels to Lahore, call me on 0321 5556677");
        await().atMost(WAIT).until(() -> given().baseUri(stack.url(Service.QUERY)).queryParam("q", phone)
                .get("/api/leads").then().extract().jsonPath().getList("leads").size() == 1);
        String url = given().baseUri(stack.url(Service.QUERY)).contentType(ContentType.JSON)
                .body(Map.of("filters", Map.of("q", phone), "mask_contacts", true, "allow_export", true))
                .post("/api/shares").then().statusCode(201).extract().jsonPath().getString("url");
        String token = url.substring("/s/".length());

        TestAccess.anonymous();
        try {
            String csv = given().baseUri(stack.url(Service.QUERY)).get("/api/shared/" + token + "/export/leads.csv")
                    .then().statusCode(200).extract().asString();
            assertThat(csv).contains("+92300*****03").contains("0321 *****77")
                    .doesNotContain(phone).doesNotContain("5556677").contains("Hina");
            given().baseUri(stack.url(Service.QUERY)).get("/api/shared/" + token + "/leads").then().statusCode(200);
        } finally {
            TestAccess.actAs("admin");
        }
    }

    @Test
    void queryServiceGoingAway_showsABanner_andTheDashboardRecovers() {
        browser.driver().get(stack.url(Service.QUERY) + "/");
        new WebDriverWait(browser.driver(), WAIT).until(d -> !d.findElements(By.cssSelector("#lead-table tr[data-id]")).isEmpty()
                || d.findElement(By.id("empty")).isDisplayed());
        stack.process(Service.QUERY).stop();
        try {
            browser.driver().findElement(By.id("refresh")).click();
            new WebDriverWait(browser.driver(), WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("api-banner")));
        } finally {
            stack.process(Service.QUERY).start();
            stack.process(Service.QUERY).awaitReady(Duration.ofSeconds(120));
        }
        new WebDriverWait(browser.driver(), WAIT).until(ExpectedConditions.invisibilityOfElementLocated(By.id("api-banner")));
        assertThat(browser.driver().findElement(By.id("updated-at")).getText()).startsWith("Updated ");
        browser.consoleErrors(); // forget the requests that failed while it was away
    }

    private static void postWebhook(String phone, String name, String message) {
        given().baseUri(stack.url(Service.INGEST)).contentType(ContentType.JSON)
                .body(Map.of("phone", phone, "message", message, "channel", "whatsapp", "sender_name", name))
                .post("/api/webhook")
                .then().statusCode(202);
    }
}
