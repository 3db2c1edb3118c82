package io.leadflow.ingest.messaging;

import io.leadflow.events.Topics;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class ProducerConfigTest {

    @Test
    void theProducersLargestRequest_isTheSharedRecordLimit() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ProducerConfigTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        assertThat(properties.getProperty("mp.messaging.outgoing.lead-messages.max.request.size"))
                .isEqualTo(String.valueOf(Topics.MAX_RECORD_BYTES));
    }
}
