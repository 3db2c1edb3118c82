package io.leadflow.analysis.service;

import io.leadflow.analysis.client.LlmFailure;
import io.leadflow.analysis.client.LlmReply;
import io.leadflow.analysis.client.Outcome;
import io.leadflow.events.Analysis;
import io.leadflow.events.Intent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplyValidatorTest {

    private static final String TEXT = "Need 2 chairs, call 0300 1234567 or ali@example.com";
    private final ReplyValidator validator = new ReplyValidator();

    private static String reply(String intent, String confidence, String phones, String emails) {
        return "{\"intent\":\"" + intent + "\",\"urgency\":\"medium\",\"category\":\"furniture\",\"sentiment\":\"neutral\","
                + "\"confidence\":" + confidence + ",\"language\":\"UR-LATN\",\"extracted\":{\"product\":\"chairs\","
                + "\"quantity\":2,\"budget\":null,\"location\":\"\",\"preferred_contact_time\":null,\"phones\":" + phones
                + ",\"emails\":" + emails + "}}";
    }

    @Test
    void validReply_keepsOnlyContactsWrittenInTheText() {
        Analysis analysis = validator.read(new LlmReply(reply("buy", "80.0",
                "[\"+923001234567\",\"+441234567890\"]", "[\"ALI@example.com\",\"boss@example.com\"]"),
                new Analysis.TokenUsage(10, 5)), TEXT);

        assertThat(analysis.intent()).isEqualTo(Intent.BUY);
        assertThat(analysis.confidence()).isEqualTo(80);
        assertThat(analysis.language()).isEqualTo("ur-Latn");
        assertThat(analysis.extracted()).usingRecursiveComparison().isEqualTo(new Analysis.ExtractedData(
                "chairs", 2, null, null, null, List.of("+923001234567"), List.of("ali@example.com")));
        assertThat(analysis.tokens()).isEqualTo(new Analysis.TokenUsage(10, 5));
    }

    @Test
    void replyOutsideTheSchema_isAnInvalidReplySayingWhy() {
        assertInvalid(reply("HOT", "80", "[]", "[]"), "unknown intent 'HOT'");
        assertInvalid(reply("Buy", "101", "[]", "[]"), "confidence 101 is outside 0-100");
        assertInvalid(reply("Buy", "80.5", "[]", "[]"), "confidence is not a whole number");
        assertInvalid(reply("Buy", "80", "\"+923001234567\"", "[]"), "extracted.phones is not a short list");
        assertInvalid("```json\n{}\n```", "content is not JSON");
        assertInvalid("[1,2]", "content is not a JSON object");
        assertInvalid(reply("Buy", "80", "[]", "[]").replace("\"category\":\"furniture\",", ""), "missing field category");
    }

    private void assertInvalid(String content, String why) {
        assertThatThrownBy(() -> validator.read(new LlmReply(content, Analysis.TokenUsage.NONE), TEXT))
                .isInstanceOfSatisfying(LlmFailure.class, failure -> {
                    assertThat(failure.outcome()).isEqualTo(Outcome.INVALID_REPLY);
                    assertThat(failure.getMessage()).isEqualTo(why);
                    assertThat(failure.retryable()).isFalse();
                });
    }
}
