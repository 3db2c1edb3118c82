package io.leadflow.analysis.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.leadflow.analysis.client.LlmClient;
import io.leadflow.analysis.client.LlmFailure;
import io.leadflow.analysis.client.Outcome;
import io.leadflow.analysis.client.Prompt;
import io.leadflow.analysis.config.AnalysisConfig;
import io.leadflow.events.Analysis;
import io.leadflow.events.LeadMessage;
import io.quarkus.arc.All;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Analyses a message with the provider chain: each configured LLM provider in the configured order, then the
 * offline analyzer, which always answers. The same normalized text within the cache window (or still being
 * analysed) reuses the earlier analysis instead of paying for another.
 */
@ApplicationScoped
public class MessageAnalyzer {

    private final List<GuardedProvider> providers = new ArrayList<>();
    private final OfflineAnalyzer offline;
    private final AnalysisPrompt prompts;
    private final LlmMetrics metrics;
    private final Cache<String, CompletableFuture<Analysis>> reuse;
    private final Duration llmDeadline;

    public MessageAnalyzer(AnalysisConfig config, @All List<LlmClient> clients, LlmMetrics metrics) {
        this.metrics = metrics;
        this.llmDeadline = config.llmDeadline();
        this.offline = new OfflineAnalyzer(config.defaultRegion());
        this.prompts = new AnalysisPrompt(config.maxPromptChars());
        ReplyValidator validator = new ReplyValidator();
        Map<String, LlmClient> byName = new LinkedHashMap<>();
        clients.forEach(client -> byName.put(client.name(), client));
        List<String> skipped = new ArrayList<>();
        for (String name : config.chain()) {
            String provider = name.strip().toLowerCase(Locale.ROOT);
            if (provider.equals(OfflineAnalyzer.PROVIDER)) {
                break;
            }
            LlmClient client = byName.get(provider);
            if (client == null) {
                throw new IllegalArgumentException("leadflow.analysis.chain names an unknown provider '" + name
                        + "'; known: " + byName.keySet() + " and offline");
            }
            if (client.enabled()) {
                providers.add(new GuardedProvider(client, validator, metrics));
            } else {
                skipped.add(provider);
            }
        }
        this.reuse = config.cache().window().isZero() || providers.isEmpty() ? null
                : Caffeine.newBuilder().expireAfterWrite(config.cache().window())
                .maximumSize(config.cache().maxEntries()).build();
        Log.infof("Analysis chain: %s%s", String.join(" -> ", chainNames()),
                skipped.isEmpty() ? "" : " (not configured: " + String.join(", ", skipped) + ")");
    }

    /** The providers that will be tried, in order, offline last. */
    public List<String> chainNames() {
        List<String> names = new ArrayList<>();
        providers.forEach(provider -> names.add(provider.name()));
        names.add(OfflineAnalyzer.PROVIDER);
        return names;
    }

    /** The analysis of a message. Never fails: when every LLM provider fails, the offline analyzer answers. */
    public Uni<Analysis> analyze(LeadMessage message) {
        String text = message.text() == null ? "" : message.text();
        if (reuse == null) {
            return analyzeNow(text);
        }
        String key = TextKey.of(text);
        CompletableFuture<Analysis> mine = new CompletableFuture<>();
        CompletableFuture<Analysis> earlier = reuse.asMap().putIfAbsent(key, mine);
        if (earlier != null) {
            return Uni.createFrom().completionStage(earlier).map(this::reused);
        }
        return analyzeNow(text)
                .invoke(analysis -> {
                    mine.complete(analysis);
                    if (OfflineAnalyzer.PROVIDER.equals(analysis.provider())) {
                        // A fallback answer is not worth keeping: the next identical text should try the LLMs again.
                        reuse.asMap().remove(key, mine);
                    }
                })
                .onFailure().invoke(failure -> {
                    mine.completeExceptionally(failure);
                    reuse.asMap().remove(key, mine);
                });
    }

    private Uni<Analysis> analyzeNow(String text) {
        List<Analysis.ProviderAttempt> attempts = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        if (providers.isEmpty()) {
            return offline(text, attempts, started);
        }
        Prompt prompt = prompts.forText(text);
        AtomicInteger trying = new AtomicInteger();
        return tryFrom(0, prompt, text, attempts, started + llmDeadline.toNanos(), trying)
                .map(answer -> answered(answer, providers.get(trying.get()).name(), attempts, started))
                .ifNoItem().after(llmDeadline).failWith(() -> outOfTime(providers.get(trying.get()), attempts, started))
                .onFailure().recoverWithUni(failure -> offline(text, attempts, started));
    }

    /** The first LLM provider's analysis from {@code index} on; fails when every one of them failed. */
    private Uni<Analysis> tryFrom(int index, Prompt prompt, String text, List<Analysis.ProviderAttempt> attempts,
                                  long deadline, AtomicInteger trying) {
        if (index >= providers.size()) {
            return Uni.createFrom().failure(new IllegalStateException("every LLM provider failed"));
        }
        trying.set(index);
        return providers.get(index).analyze(prompt, text, attempts, deadline)
                .onFailure().recoverWithUni(failure -> tryFrom(index + 1, prompt, text, attempts, deadline, trying));
    }

    /** Records that the provider being tried when the message's LLM time ran out was abandoned. */
    private LlmFailure outOfTime(GuardedProvider provider, List<Analysis.ProviderAttempt> attempts, long started) {
        LlmFailure failure = LlmFailure.outOfTime();
        metrics.attempt(provider.name(), Outcome.OUT_OF_TIME, 0);
        attempts.add(new Analysis.ProviderAttempt(provider.name(), Outcome.OUT_OF_TIME.label(),
                (System.nanoTime() - started) / 1_000_000, failure.getMessage()));
        return failure;
    }

    /** Rules over the whole text are CPU work: done on a worker, so a batch never holds the event loop. */
    private Uni<Analysis> offline(String text, List<Analysis.ProviderAttempt> attempts, long started) {
        return Uni.createFrom().item(() -> offlineNow(text, attempts, started))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Analysis offlineNow(String text, List<Analysis.ProviderAttempt> attempts, long started) {
        long offlineStarted = System.nanoTime();
        Analysis analysis = offline.analyze(text);
        long nanos = System.nanoTime() - offlineStarted;
        metrics.attempt(OfflineAnalyzer.PROVIDER, Outcome.OK, nanos);
        attempts.add(new Analysis.ProviderAttempt(OfflineAnalyzer.PROVIDER, Outcome.OK.label(), nanos / 1_000_000, null));
        return answered(analysis, OfflineAnalyzer.PROVIDER, attempts, started);
    }

    private static Analysis answered(Analysis analysis, String provider, List<Analysis.ProviderAttempt> attempts,
                                     long started) {
        List<Analysis.ProviderAttempt> tried;
        synchronized (attempts) {
            tried = List.copyOf(attempts);
        }
        return new Analysis(analysis.intent(), analysis.urgency(), analysis.category(), analysis.sentiment(),
                analysis.confidence(), analysis.language(), analysis.extracted(), provider, tried,
                (System.nanoTime() - started) / 1_000_000, analysis.tokens());
    }

    private Analysis reused(Analysis earlier) {
        metrics.reused(earlier.provider());
        return new Analysis(earlier.intent(), earlier.urgency(), earlier.category(), earlier.sentiment(),
                earlier.confidence(), earlier.language(), earlier.extracted(), earlier.provider(),
                List.of(new Analysis.ProviderAttempt(earlier.provider(), Outcome.CACHED.label(), 0,
                        "same text analysed moments ago")),
                0, Analysis.TokenUsage.NONE);
    }
}
