package io.leadflow.analysis.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadflow.analysis.config.ProviderSettings;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the HTTP providers share: the timeout of one call, and turning whatever went wrong (an error status, a
 * connection that failed, an answer that is not JSON) into an {@link LlmFailure}.
 */
public abstract class HttpLlmClient implements LlmClient {

    protected static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DETAIL = 200;

    private final String name;
    private final ProviderSettings settings;
    private final boolean enabled;

    protected HttpLlmClient(String name, ProviderSettings settings, boolean enabled) {
        this.name = name;
        this.settings = settings;
        this.enabled = enabled;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    @Override
    public ProviderSettings settings() {
        return settings;
    }

    /** A configured value counts only when it is not blank. */
    protected static boolean present(Optional<String> value) {
        return value.filter(v -> !v.isBlank()).isPresent();
    }

    /** Builds the REST client up front, so the first message does not pay for it inside its timeout. */
    @PostConstruct
    void prepare() {
        if (enabled()) {
            prepareApi();
        }
    }

    /** Builds the provider's REST client. */
    protected abstract void prepareApi();

    @Override
    public Uni<LlmReply> complete(Prompt prompt) {
        Duration timeout = settings().timeout();
        return Uni.createFrom().deferred(() -> send(prompt))
                .ifNoItem().after(timeout).failWith(() -> LlmFailure.timeout(timeout))
                .onFailure(failure -> !(failure instanceof LlmFailure)).transform(this::classify)
                .onItem().transform(this::read);
    }

    /** Sends the request; the answer's body as text (a non-2xx fails with a {@link ProviderHttpException}). */
    protected abstract Uni<String> send(Prompt prompt);

    /** Reads a 2xx answer; throws an {@link LlmFailure} when it holds no usable content. */
    protected abstract LlmReply read(String body);

    /** What an error status means for this provider. */
    protected LlmFailure classify(ProviderHttpException error) {
        int status = error.status();
        if (status == 429) {
            return LlmFailure.rateLimited(error.retryAfter());
        }
        if (status == 408) {
            return LlmFailure.timeout(settings().timeout());
        }
        if (status >= 500) {
            return LlmFailure.serverError(status, error.retryAfter());
        }
        return LlmFailure.rejected(status, errorMessage(error.body()));
    }

    /** Builds a REST client for the provider's API at its base URL, with the provider's timeout as a backstop. */
    protected <T> T restClient(String baseUrl, Class<T> api) {
        long timeoutMs = settings().timeout().toMillis();
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl))
                .connectTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                .readTimeout(timeoutMs + 1000, TimeUnit.MILLISECONDS)
                .build(api);
    }

    /** Parses an answer body; an answer that is not JSON is an invalid reply. */
    protected static JsonNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body == null ? "" : body);
            if (node == null || !node.isObject()) {
                throw LlmFailure.invalidReply("answer is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw LlmFailure.invalidReply("answer is not JSON");
        }
    }

    /** The provider's own error message from an error body ({"error":{"message"}}, {"error":"…"}, {"message"}). */
    protected static String errorMessage(String body) {
        try {
            JsonNode node = JSON.readTree(body == null ? "" : body);
            if (node == null) {
                return null;
            }
            JsonNode error = node.path("error");
            String message = error.isTextual() ? error.asText()
                    : error.path("message").isTextual() ? error.path("message").asText()
                    : node.path("message").isTextual() ? node.path("message").asText() : null;
            return message == null ? null : shorten(message);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    protected static String shorten(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= MAX_DETAIL ? oneLine : oneLine.substring(0, MAX_DETAIL) + "…";
    }

    private LlmFailure classify(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ProviderHttpException http) {
                return classify(http);
            }
            if (cause instanceof java.util.concurrent.TimeoutException
                    || cause instanceof java.net.SocketTimeoutException
                    || cause.getClass().getSimpleName().contains("Timeout")) {
                return LlmFailure.timeout(settings().timeout());
            }
            if (cause instanceof LlmFailure llm) {
                return llm;
            }
        }
        return LlmFailure.unreachable("call failed: " + rootCause(failure));
    }

    private static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + shorten(root.getMessage()));
    }
}
