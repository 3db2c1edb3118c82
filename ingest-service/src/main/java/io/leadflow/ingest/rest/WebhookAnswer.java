package io.leadflow.ingest.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.leadflow.events.LeadScored;
import io.leadflow.events.Quality;
import io.leadflow.ingest.service.IntakeResult;

import java.util.List;

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

    /**
     * 200 to a platform: everything in the notification is taken care of: its messages are safely in Kafka
     * ({@code accepted}, or {@code duplicate} when they had been before), the rest was not leads ({@code ignored}).
     */
    public record Received(String status, @JsonProperty("message_ids") List<String> messageIds, int ignored) {
        public static Received of(IntakeResult result) {
            return new Received(result.outcome().label(), result.messageIds(), result.ignored());
        }
    }

    /** 200 to a website form whose submission was dropped (a filled honeypot): it looks like any other success. */
    public record Ignored(String status) {
        public Ignored() {
            this("ignored");
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
