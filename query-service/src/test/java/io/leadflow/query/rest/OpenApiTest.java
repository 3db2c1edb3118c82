package io.leadflow.query.rest;

import io.leadflow.testinfra.LeadflowTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
@WithTestResource(value = LeadflowTestResource.class, initArgs = @ResourceArg(name = "database", value = "migrated"))
@WithTestResource(ExportServiceStub.class)
class OpenApiTest {

    @Test
    void openApi_describesEveryCallOfTheDashboard() {
        JsonPath document = given().accept("application/json").get("/q/openapi?format=json")
                .then().statusCode(200).extract().jsonPath();
        assertThat(document.getMap("paths").keySet()).contains("/api/leads", "/api/leads/{id}", "/api/leads/stream",
                "/api/stats", "/api/export/{file}", "/api/webhook/leads", "/api/webhook/stats");
        assertThat(document.getMap("paths.'/api/leads/{id}'").keySet()).contains("get", "patch");
        assertThat(document.getMap("paths.'/api/export/{file}'").keySet()).contains("get", "post");
    }

    @Test
    void swaggerUi_andTheDashboard_areServedByTheService() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
        given().get("/").then().statusCode(200).body(containsString("/static/dashboard.js"))
                .header("Content-Security-Policy", containsString("script-src 'self'"));
        given().get("/static/dashboard.html").then().statusCode(200).body(containsString("lead-table"));
        given().get("/static/dashboard.js").then().statusCode(200).body(containsString("textContent"));
    }
}
