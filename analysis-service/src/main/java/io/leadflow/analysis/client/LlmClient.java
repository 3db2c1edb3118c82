package io.leadflow.analysis.client;

import io.leadflow.analysis.config.ProviderSettings;
import io.smallrye.mutiny.Uni;

/** One LLM provider's API. Fails with an {@link LlmFailure}; knows nothing of retries or circuit breakers. */
public interface LlmClient {

    /** The name in {@code leadflow.analysis.chain}, the metrics and the attempts: mistral, gemini, ollama, openai. */
    String name();

    /** Whether it is configured (an API key or a URL is set). */
    boolean enabled();

    /** Its timeout, retry, circuit-breaker and concurrency settings. */
    ProviderSettings settings();

    /** One call: the provider's answer, or a failure saying why not. Never blocks. */
    Uni<LlmReply> complete(Prompt prompt);
}
