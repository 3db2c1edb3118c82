package io.leadflow.events;

/** The record on {@link Topics#ANALYZED}: the message and what it says, keyed by the message's lead key. */
public record LeadAnalyzed(LeadMessage message, Analysis analysis) {
}
