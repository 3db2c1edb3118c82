package io.leadflow.analysis.client;

import io.leadflow.events.Analysis;

/** What a provider answered: the text that should be the analysis JSON, and the tokens it charged. */
public record LlmReply(String content, Analysis.TokenUsage tokens) {
}
