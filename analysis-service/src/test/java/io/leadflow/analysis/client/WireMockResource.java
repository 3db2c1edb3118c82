package io.leadflow.analysis.client;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * One WireMock server on a free port standing in for every LLM provider, each under its own path prefix
 * ({@code /mistral}, {@code /gemini}, {@code /ollama}, {@code /openai}); the providers' base URLs and keys point at it.
 */
public class WireMockResource implements QuarkusTestResourceLifecycleManager {

    public static final String MISTRAL_KEY = "test-mistral-key";
    public static final String GEMINI_KEY = "test-gemini-key";
    public static final String OPENAI_KEY = "test-openai-key";

    private static volatile WireMockServer server;

    /** The running server of the current test application. */
    public static WireMockServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        WireMockServer wiremock = new WireMockServer(options().dynamicPort().containerThreads(20));
        wiremock.start();
        server = wiremock;
        String base = "http://localhost:" + wiremock.port();
        return Map.of(
                "leadflow.mistral.api-key", MISTRAL_KEY,
                "leadflow.mistral.base-url", base + "/mistral",
                "leadflow.gemini.api-key", GEMINI_KEY,
                "leadflow.gemini.base-url", base + "/gemini",
                "leadflow.ollama.base-url", base + "/ollama",
                "leadflow.openai.base-url", base + "/openai",
                "leadflow.openai.api-key", OPENAI_KEY,
                "leadflow.openai.model", "qwen2.5-7b-instruct");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
