package io.leadflow.analysis.messaging;

import io.leadflow.events.Topics;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped channel settings that reliability depends on. */
class ChannelSettingsTest {

    @Test
    void aBatchWaitingOutABrokerOutage_isNeverTakenForAStalledConsumer() throws IOException {
        // Any max age makes SmallRye close the consumer and report the service dead once an outage outlasts it.
        assertThat(shipped().getValue("mp.messaging.incoming.lead-messages.throttled.unprocessed-record-max-age.ms", Long.class))
                .isZero();
    }

    @Test
    void theAnalysesProducer_takesTheLargestRecordTheTopicsTake() throws IOException {
        assertThat(shipped().getValue("mp.messaging.outgoing.lead-analyzed.max.request.size", Integer.class))
                .isEqualTo(Topics.MAX_RECORD_BYTES);
    }

    private static SmallRyeConfig shipped() throws IOException {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(ChannelSettingsTest.class.getResource("/application.properties"), 250))
                .build();
    }
}
