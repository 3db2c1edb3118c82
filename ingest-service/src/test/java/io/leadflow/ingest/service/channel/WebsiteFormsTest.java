package io.leadflow.ingest.service.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadflow.events.Channel;
import io.leadflow.http.ProblemException;
import io.leadflow.ingest.service.Inbound;
import io.leadflow.ingest.service.ParsedWebhook;
import io.leadflow.ingest.service.TestConfigs;
import io.leadflow.testinfra.webhooks.WebhookFixtures;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebsiteFormsTest {

    private static final String FORM = "application/x-www-form-urlencoded";

    private final WebsiteForms forms = new WebsiteForms(new ObjectMapper(), TestConfigs.contacts());

    @Test
    void widgetJsonWithNestedFields_isOneMessage_unknownFieldsKeptAsMetadata() {
        ParsedWebhook parsed = forms.parse(WebhookFixtures.bytes("website/nested.json"), "application/json; charset=utf-8");

        Map<String, Object> utm = new LinkedHashMap<>();
        utm.put("utm_source", "google");
        utm.put("utm_medium", "cpc");
        utm.put("utm_campaign", "summer-sale");
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("form_id", "contact-main");
        extra.put("company", "Bright Future School");
        assertThat(parsed.messages()).singleElement().usingRecursiveComparison().isEqualTo(Inbound.on(Channel.WEBSITE)
                .submissionId("sub_01J2M4Q8Z7X6W5V4T3S2R1P0N9")
                .senderName("Imran Qureshi")
                .phone("0321 5556677", null)
                .email("Imran.Qureshi@Example.com")
                .text("Please call me about a bulk order of 40 chairs for our school. Budget around 500,000 PKR.")
                .metadata("consent", true)
                .metadata("page_url", "https://shop.example/contact?utm_source=google")
                .metadata("utm", utm)
                .metadata("fields", extra)
                .build());
    }

    @Test
    void flatFormPost_withFieldsInBrackets_isReadTheSame() {
        ParsedWebhook parsed = forms.parse(WebhookFixtures.urlEncoded(Map.of("fields[name]", "Imran", "fields[phone]",
                "+92 321 5556677", "fields[message]", "Call me", "consent", "on", "country", "PK")), FORM);
        assertThat(parsed.messages()).singleElement().satisfies(message -> {
            assertThat(message.senderName()).isEqualTo("Imran");
            assertThat(message.phone()).isEqualTo("+92 321 5556677");
            assertThat(message.phoneRegion()).isEqualTo("PK");
            assertThat(message.metadata()).containsEntry("consent", true);
        });
    }

    @Test
    void filledHoneypot_isAcknowledgedAndDropped() {
        ParsedWebhook parsed = forms.parse(WebhookFixtures.urlEncoded(Map.of("name", "Bot", "email", "bot@spam.example",
                "message", "Cheap SEO", "website", "https://spam.example")), FORM);
        assertThat(parsed.messages()).isEmpty();
        assertThat(parsed.ignored()).isEqualTo(1);
    }

    @Test
    void missingMessage_orInvalidEmail_isA400NamingTheField() {
        assertField(() -> forms.parse(WebhookFixtures.urlEncoded(Map.of("email", "a@example.com")), FORM), "message");
        assertField(() -> forms.parse(WebhookFixtures.urlEncoded(Map.of("email", "nope", "message", "hi")), FORM), "email");
    }

    @Test
    void otherContentTypes_areA415() {
        assertThatThrownBy(() -> forms.parse("name=x".getBytes(StandardCharsets.UTF_8), "text/plain"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(415));
    }

    private static void assertField(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.problem().status()).isEqualTo(400);
            assertThat(e.problem().field()).isEqualTo(field);
        });
    }
}
