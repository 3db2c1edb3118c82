package io.leadflow.scoring.model;

import io.leadflow.events.Analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How a lead's conversation becomes what the model scores: the strongest signals of its recent messages count,
 * so a "thanks!" after "I want to buy 3 today" does not cool a buyer down, while the silence since the latest
 * message does (decay).
 */
public final class Conversation {

    private Conversation() {
    }

    /**
     * The scoring input of a conversation.
     *
     * @param signals its analysed messages (at least one; any order, older ones are ignored)
     * @param window  how far back from the latest message signals count
     * @param now     the moment of scoring, for the decay
     */
    public static ScoringInput summarize(Contact contact, Collection<Signal> signals, Duration window, Instant now) {
        if (signals.isEmpty()) {
            throw new IllegalArgumentException("a conversation has at least one message");
        }
        Instant latest = signals.stream().map(Signal::receivedAt).max(Comparator.naturalOrder()).orElseThrow();
        Instant since = latest.minus(window);
        List<Signal> recent = signals.stream().filter(s -> !s.receivedAt().isBefore(since))
                .sorted(Comparator.comparing(Signal::receivedAt)).toList();
        Signal intent = strongest(recent, s -> ScoringEngine.intentValue(s.intent()));
        Signal urgency = strongest(recent, s -> ScoringEngine.urgencyValue(s.urgency()));
        Signal channel = strongest(recent, s -> ScoringEngine.channelValue(s.channel()));
        int length = recent.stream().mapToInt(Signal::length).max().orElse(0);
        return new ScoringInput(intent.intent(), urgency.urgency(), intent.confidence(), intent.provider(), channel.channel(),
                contact.name(), contact.phone(), contact.email(), merged(recent), length, Duration.between(latest, now));
    }

    /** The earliest moment whose messages still count for a conversation whose latest message is {@code latest}. */
    public static Instant windowStart(Instant latest, Duration window) {
        return latest.minus(window);
    }

    /** The signal with the highest value; of equals, the most recent (signals are in time order). */
    private static Signal strongest(List<Signal> signals, java.util.function.ToDoubleFunction<Signal> value) {
        Signal best = signals.get(0);
        for (Signal signal : signals) {
            if (value.applyAsDouble(signal) >= value.applyAsDouble(best)) {
                best = signal;
            }
        }
        return best;
    }

    /** What the messages told, the most recent value of each field winning; contacts found are all kept. */
    static Analysis.ExtractedData merged(List<Signal> signalsInTimeOrder) {
        String product = null;
        Integer quantity = null;
        String budget = null;
        String location = null;
        String contactTime = null;
        Set<String> phones = new LinkedHashSet<>();
        Set<String> emails = new LinkedHashSet<>();
        for (Signal signal : signalsInTimeOrder) {
            Analysis.ExtractedData data = signal.extracted();
            product = data.product() != null ? data.product() : product;
            quantity = data.quantity() != null ? data.quantity() : quantity;
            budget = data.budget() != null ? data.budget() : budget;
            location = data.location() != null ? data.location() : location;
            contactTime = data.preferredContactTime() != null ? data.preferredContactTime() : contactTime;
            phones.addAll(data.phones());
            emails.addAll(data.emails());
        }
        return new Analysis.ExtractedData(product, quantity, budget, location, contactTime,
                new ArrayList<>(phones), new ArrayList<>(emails));
    }
}
