package io.leadflow.analysis.messaging;

import io.leadflow.analysis.config.ProviderSettings;
import io.leadflow.events.Topics;
import org.eclipse.microprofile.config.Config;

import java.time.Duration;
import java.util.List;

/**
 * The longest one batch of lead.messages.v1 can take, worked out from the configuration, against the consumer's
 * {@code throttled.unprocessed-record-max-age.ms}: a batch older than that is taken for a stalled consumer (SmallRye
 * closes the consumer and reports the service dead, so it is restarted and pays for the batch's LLM calls again).
 *
 * @param llm     the LLM providers: each message goes through the chain at once, each provider taking
 *                {@code concurrency} at a time, each try up to {@code timeout}, retried {@code maxRetries} times after
 *                up to {@code maxRetryDelay}; never longer than {@code leadflow.analysis.llm-deadline}
 * @param offline the offline analyzer over the batch's text, at {@link #OFFLINE_BYTES_PER_SECOND}
 * @param publish sending the analyses: the producer's {@code max.block.ms} and {@code delivery.timeout.ms}
 */
public record BatchTime(Duration llm, Duration offline, Duration publish) {

    /**
     * How fast the offline analyzer is counted to read: it reads about 250 KB of text a second on one core of a busy
     * 2-core machine (a 256 KiB text in about a second), so this leaves room.
     */
    static final long OFFLINE_BYTES_PER_SECOND = 100_000;

    static final String INCOMING = "mp.messaging.incoming.lead-messages.";
    static final String OUTGOING = "mp.messaging.outgoing.lead-analyzed.";
    static final String MAX_AGE = INCOMING + "throttled.unprocessed-record-max-age.ms";

    /** The worst case of a batch with these settings; {@code providers} are those in the chain that are configured. */
    static BatchTime worstCase(int maxRecords, long maxBytes, List<? extends ProviderSettings> providers,
                               Duration llmDeadline, Duration maxBlock, Duration deliveryTimeout) {
        Duration chain = Duration.ZERO;
        for (ProviderSettings provider : providers) {
            long rounds = (maxRecords + provider.concurrency() - 1) / provider.concurrency();
            Duration oneMessage = provider.timeout().multipliedBy(provider.maxRetries() + 1L)
                    .plus(provider.maxRetryDelay().multipliedBy(provider.maxRetries()));
            chain = chain.plus(oneMessage.multipliedBy(rounds));
        }
        Duration llm = chain.compareTo(llmDeadline) < 0 ? chain : llmDeadline;
        long batchBytes = Math.min(maxBytes, (long) maxRecords * Topics.MAX_MESSAGE_BYTES);
        return new BatchTime(llm, Duration.ofMillis(batchBytes * 1000 / OFFLINE_BYTES_PER_SECOND),
                maxBlock.plus(deliveryTimeout));
    }

    /** The worst case of a batch as the consumer and producer are configured, with these providers. */
    static BatchTime configured(Config config, List<? extends ProviderSettings> providers, Duration llmDeadline) {
        int maxRecords = config.getOptionalValue(INCOMING + "max.poll.records", Integer.class).orElse(500);
        // fetch.max.bytes is not a hard limit: a poll returns one record larger than it.
        long maxBytes = Math.max(Topics.MAX_MESSAGE_BYTES,
                config.getOptionalValue(INCOMING + "fetch.max.bytes", Long.class).orElse(52_428_800L));
        Duration maxBlock = Duration.ofMillis(config.getOptionalValue(OUTGOING + "max.block.ms", Long.class).orElse(60_000L));
        Duration delivery = Duration.ofMillis(config.getOptionalValue(OUTGOING + "delivery.timeout.ms", Long.class).orElse(120_000L));
        return worstCase(maxRecords, maxBytes, providers, llmDeadline, maxBlock, delivery);
    }

    /** How old an unacknowledged record may get before the consumer is taken for stalled (SmallRye's default: 60 s). */
    static Duration maxAge(Config config) {
        return Duration.ofMillis(config.getOptionalValue(MAX_AGE, Long.class).orElse(60_000L));
    }

    Duration total() {
        return llm.plus(offline).plus(publish);
    }
}
