package io.leadflow.scoring;

import io.leadflow.events.Channel;
import io.leadflow.events.LeadAnalyzed;

/** What makes a message unique: its channel and its message id, the {@code message} table's unique key. */
public record MessageKey(Channel channel, String externalId) {

    public static MessageKey of(LeadAnalyzed event) {
        return new MessageKey(event.message().channel(), event.message().messageId());
    }

    /** The key of the transaction lock that serialises every write of this message. */
    public String lockKey() {
        return "message:" + channel.label() + ":" + externalId;
    }
}
