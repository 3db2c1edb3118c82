package io.leadflow.ingest.rest;

import io.leadflow.ingest.service.Outcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookMetricsTest {

    @Test
    void theStatusSaysTheOutcome_unlessTheResourceSaidOtherwise() {
        assertThat(WebhookMetrics.outcomeOf(null, 200)).isEqualTo(Outcome.ACCEPTED);
        assertThat(WebhookMetrics.outcomeOf(null, 202)).isEqualTo(Outcome.ACCEPTED);
        assertThat(WebhookMetrics.outcomeOf(Outcome.DUPLICATE, 200)).isEqualTo(Outcome.DUPLICATE);
        assertThat(WebhookMetrics.outcomeOf(null, 401)).isEqualTo(Outcome.REJECTED_SIGNATURE);
        assertThat(WebhookMetrics.outcomeOf(null, 403)).isEqualTo(Outcome.REJECTED_SIGNATURE);
        assertThat(WebhookMetrics.outcomeOf(Outcome.INVALID, 403)).isEqualTo(Outcome.INVALID);
        assertThat(WebhookMetrics.outcomeOf(null, 400)).isEqualTo(Outcome.INVALID);
        assertThat(WebhookMetrics.outcomeOf(null, 413)).isEqualTo(Outcome.INVALID);
        assertThat(WebhookMetrics.outcomeOf(null, 415)).isEqualTo(Outcome.INVALID);
        assertThat(WebhookMetrics.outcomeOf(null, 429)).isEqualTo(Outcome.RATE_LIMITED);
        assertThat(WebhookMetrics.outcomeOf(null, 503)).isEqualTo(Outcome.UNAVAILABLE);
        assertThat(WebhookMetrics.outcomeOf(null, 500)).isEqualTo(Outcome.ERROR);
    }

    @Test
    void everyWebhookPathHasItsChannelLabel() {
        assertThat(WebhookMetrics.channelOf("/api/webhook")).contains("generic");
        assertThat(WebhookMetrics.channelOf("/api/webhook/whatsapp/")).contains("whatsapp");
        assertThat(WebhookMetrics.channelOf("/api/webhook/email/raw")).contains("email_raw");
        assertThat(WebhookMetrics.channelOf("/api/webhook/leads")).isEmpty();
    }
}
