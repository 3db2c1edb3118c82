package io.leadflow.events;

import java.util.List;

/**
 * What a message says: the analysis on {@link Topics#ANALYZED}.
 *
 * @param intent     what the customer wants
 * @param urgency    how soon
 * @param category   the product or service area, free text
 * @param sentiment  the customer's tone
 * @param confidence how sure the provider is, 0–100
 * @param language   the language of the text (ISO 639-1 where known, e.g. "en", "ur", "ar"; "ur-Latn" for Roman Urdu)
 * @param extracted  structured data found in the text
 * @param provider   who answered: mistral, gemini, ollama, openai or offline
 * @param attempts   every provider tried, in order, with its outcome
 * @param latencyMs  time spent analysing, all attempts included
 * @param tokens     tokens the answering provider charged
 */
public record Analysis(
        Intent intent,
        Urgency urgency,
        String category,
        Sentiment sentiment,
        int confidence,
        String language,
        ExtractedData extracted,
        String provider,
        List<ProviderAttempt> attempts,
        long latencyMs,
        TokenUsage tokens) {

    public Analysis {
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
        extracted = extracted == null ? ExtractedData.NONE : extracted;
        tokens = tokens == null ? TokenUsage.NONE : tokens;
    }

    /** Structured data found in a message. */
    public record ExtractedData(String product, Integer quantity, String budget, String location,
                                String preferredContactTime, List<String> phones, List<String> emails) {
        public static final ExtractedData NONE = new ExtractedData(null, null, null, null, null, List.of(), List.of());

        public ExtractedData {
            phones = phones == null ? List.of() : List.copyOf(phones);
            emails = emails == null ? List.of() : List.copyOf(emails);
        }
    }

    /**
     * One provider's try.
     *
     * @param outcome ok, error, timeout, rate_limited, invalid_reply, blocked, model_missing, circuit_open, busy
     *                (skipped: concurrency limit and queue full), cached (an identical text's analysis reused)
     * @param detail  why it failed, in a few words (never the customer's text)
     */
    public record ProviderAttempt(String provider, String outcome, long latencyMs, String detail) {
    }

    /** Tokens charged by a provider; zero for the offline analyzer. */
    public record TokenUsage(int input, int output) {
        public static final TokenUsage NONE = new TokenUsage(0, 0);
    }
}
