package io.leadflow.analysis.messaging;

import io.leadflow.analysis.config.AnalysisConfig;
import io.leadflow.analysis.config.GeminiConfig;
import io.leadflow.analysis.config.MistralConfig;
import io.leadflow.analysis.config.OllamaConfig;
import io.leadflow.analysis.config.OpenAiConfig;
import io.leadflow.analysis.config.ProviderSettings;
import io.leadflow.events.Topics;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BatchTimeTest {

    @Test
    void theShippedConfiguration_letsTheWorstBatchFinishBeforeTheConsumerIsTakenForStalled() throws IOException {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(BatchTimeTest.class.getResource("/application.properties"), 250))
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(AnalysisConfig.class).withMapping(MistralConfig.class).withMapping(GeminiConfig.class)
                .withMapping(OllamaConfig.class).withMapping(OpenAiConfig.class)
                .build();
        List<ProviderSettings> everyProvider = List.of(config.getConfigMapping(MistralConfig.class),
                config.getConfigMapping(GeminiConfig.class), config.getConfigMapping(OllamaConfig.class),
                config.getConfigMapping(OpenAiConfig.class));

        BatchTime worst = BatchTime.configured(config, everyProvider, config.getConfigMapping(AnalysisConfig.class).llmDeadline());

        assertThat(worst.total()).as("the worst batch, %s, with every provider configured", worst)
                .isLessThan(BatchTime.maxAge(config));
        assertThat(config.getValue(BatchTime.OUTGOING + "max.request.size", Integer.class)).isEqualTo(Topics.MAX_RECORD_BYTES);
    }

    @Test
    void theLlmTime_isEveryRoundOfEachProvidersConcurrency_atItsTimeoutTimesItsTries_cutAtTheDeadline() {
        ProviderSettings slow = settings(Duration.ofSeconds(10), 2, Duration.ofSeconds(5), 8);

        BatchTime small = BatchTime.worstCase(16, 1_000_000, List.of(slow), Duration.ofMinutes(10), Duration.ofSeconds(10),
                Duration.ofSeconds(120));
        BatchTime large = BatchTime.worstCase(500, 4_000_000, List.of(slow, slow), Duration.ofSeconds(60),
                Duration.ofSeconds(10), Duration.ofSeconds(120));
        BatchTime offlineOnly = BatchTime.worstCase(500, 4_000_000, List.of(), Duration.ofSeconds(60),
                Duration.ofSeconds(10), Duration.ofSeconds(120));

        assertThat(small).isEqualTo(new BatchTime(Duration.ofSeconds(2 * (3 * 10 + 2 * 5)), Duration.ofSeconds(10),
                Duration.ofSeconds(130)));
        assertThat(large.llm()).isEqualTo(Duration.ofSeconds(60));
        assertThat(large.offline()).isEqualTo(Duration.ofSeconds(40));
        assertThat(offlineOnly.llm()).isZero();
    }

    private static ProviderSettings settings(Duration timeout, int maxRetries, Duration maxRetryDelay, int concurrency) {
        return new ProviderSettings() {
            @Override
            public Duration timeout() {
                return timeout;
            }

            @Override
            public int maxRetries() {
                return maxRetries;
            }

            @Override
            public Duration retryDelay() {
                return Duration.ofMillis(500);
            }

            @Override
            public Duration maxRetryDelay() {
                return maxRetryDelay;
            }

            @Override
            public int concurrency() {
                return concurrency;
            }

            @Override
            public int queue() {
                return 1000;
            }

            @Override
            public CircuitBreaker circuitBreaker() {
                throw new UnsupportedOperationException();
            }
        };
    }
}
