package io.leadflow.analysis.messaging;

import io.leadflow.analysis.client.LlmClient;
import io.leadflow.analysis.config.AnalysisConfig;
import io.quarkus.arc.All;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;

import java.time.Duration;
import java.util.List;

/**
 * Refuses to start when a batch could legitimately take longer than the consumer's unprocessed-record max age: such a
 * service would be taken for stalled and restarted in a loop whenever the LLM providers are slow.
 */
@ApplicationScoped
public class BatchTimeCheck {

    void check(@Observes StartupEvent start, Config config, AnalysisConfig analysis, @All List<LlmClient> clients) {
        BatchTime worst = BatchTime.configured(config, clients.stream().filter(LlmClient::enabled)
                .map(LlmClient::settings).toList(), analysis.llmDeadline());
        Duration maxAge = BatchTime.maxAge(config);
        if (worst.total().compareTo(maxAge) >= 0) {
            throw new IllegalStateException("A batch of lead.messages.v1 can take " + worst + ", " + worst.total()
                    + " in all, which is not under " + BatchTime.MAX_AGE + " (" + maxAge + "): lower "
                    + "leadflow.analysis.llm-deadline, max.poll.records or fetch.max.bytes, or raise the max age");
        }
        Log.debugf("A batch of lead.messages.v1 takes at most %s (%s); the max age is %s", worst.total(), worst, maxAge);
    }
}
