package io.leadflow.events;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;

/**
 * A record its consumer cannot use, addressed to the source topic's dead-letter topic with the reason in
 * a header. Send it on any Kafka outgoing channel: the topic in its metadata overrides the channel's.
 */
public final class DeadLetter {

    private DeadLetter() {
    }

    public static Message<String> of(String sourceTopic, String key, String value, String reason) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Topics.DLQ_REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(Topics.DLQ_SOURCE_HEADER, sourceTopic.getBytes(StandardCharsets.UTF_8));
        return Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(Topics.deadLetter(sourceTopic))
                .withKey(key)
                .withHeaders(headers)
                .build());
    }
}
