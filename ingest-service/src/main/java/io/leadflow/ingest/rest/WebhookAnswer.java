package io.leadflow.ingest.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.leadflow.events.LeadScored;
import io.leadflow.events.Quality;

/** What a webhook answers. */
public final class WebhookAnswer {

    private WebhookAnswer() {
    }

    /** 202: the message is safely stored in Kafka and will be scored. */
    public record Accepted(String status, @JsonProperty("message_id") String messageId) {
        public Accepted(String messageId) {
            this("accepted", messageId);
        }
    }

    /** 200: the seed's synchronous answer, once the lead was scored. */
    public record Scored(String status, @JsonProperty("lead_id") long leadId, Quality quality, int score,
                         @JsonProperty("message_id") String messageId) {
        public static Scored of(LeadScored scored) {
            return new Scored("success", scored.lead().id(), scored.lead().quality(), scored.lead().score(),
                    scored.messageId());
        }
    }
}
