package io.leadflow.analysis.client;

/** How one try of a provider ended: the {@code outcome} of an attempt on lead.analyzed.v1 and a metrics label. */
public enum Outcome {
    /** A valid analysis. */
    OK("ok"),
    /** A 5xx, an unexpected 4xx, or the server could not be reached. */
    ERROR("error"),
    /** No answer within the provider's timeout. */
    TIMEOUT("timeout"),
    /** 429: the provider asked us to slow down. */
    RATE_LIMITED("rate_limited"),
    /** An answer that is not JSON, or not valid against the analysis schema. */
    INVALID_REPLY("invalid_reply"),
    /** The provider refused to answer (a Gemini safety block, an OpenAI refusal). */
    BLOCKED("blocked"),
    /** The model is not there (Ollama answers 404 until it has been pulled). */
    MODEL_MISSING("model_missing"),
    /** The provider's circuit is open: it was skipped without a call. */
    CIRCUIT_OPEN("circuit_open"),
    /** The provider's concurrency limit and queue were full: it was skipped without a call. */
    BUSY("busy"),
    /** The same text was analysed a moment ago: that analysis was reused, nothing was called. */
    CACHED("cached"),
    /** The message's time for the LLM providers ran out while this one was waiting or answering: abandoned. */
    OUT_OF_TIME("out_of_time");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
