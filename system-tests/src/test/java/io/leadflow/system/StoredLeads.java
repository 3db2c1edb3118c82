package io.leadflow.system;

import io.leadflow.testinfra.stack.LeadflowStack;
import io.leadflow.testinfra.stack.Service;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;

/** The leads the query API shows, as a user would read them back. */
final class StoredLeads {

    private StoredLeads() {
    }

    /** The leads of these phones, grouped by phone: one lead per phone when nothing was lost or doubled. */
    static Map<String, List<Map<String, Object>>> byPhone(LeadflowStack stack, Collection<String> phones) {
        return given().baseUri(stack.url(Service.QUERY))
                .get("/api/webhook/leads?limit=1000").then().statusCode(200).extract().jsonPath()
                .<Map<String, Object>>getList("leads").stream()
                .filter(lead -> phones.contains(lead.get("user_phone")))
                .collect(Collectors.groupingBy(lead -> (String) lead.get("user_phone")));
    }
}
