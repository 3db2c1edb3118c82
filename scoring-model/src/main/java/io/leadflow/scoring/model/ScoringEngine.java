package io.leadflow.scoring.model;

import io.leadflow.events.Channel;
import io.leadflow.events.Intent;
import io.leadflow.events.Quality;
import io.leadflow.events.ScoreBreakdown;
import io.leadflow.events.ScoreBreakdown.Factor;
import io.leadflow.events.Urgency;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * The seven-factor model of the seed, plus the decay of a quiet lead. Pure logic: the same input always gives the
 * same breakdown, its factors add up to its score, and the score is always 0–100.
 */
public class ScoringEngine {

    /** The factors in the order the breakdown lists them. */
    public static final List<String> FACTORS = List.of(
            "intent", "urgency", "contact_quality", "channel", "data_quality", "message_length", "bonus", "decay");

    /** What a lead's data quality counts, in the order the evidence names it, and what each is worth (0–1 in all). */
    private static final List<Detail> DETAILS = List.of(
            new Detail("name", 0.4, ScoringInput::name),
            new Detail("product", 0.2, input -> input.extracted().product()),
            new Detail("quantity", 0.2, input -> input.extracted().quantity()),
            new Detail("budget", 0.1, input -> input.extracted().budget()),
            new Detail("location", 0.1, input -> input.extracted().location()));

    private final ScoringModel model;

    public ScoringEngine(ScoringModel model) {
        this.model = model;
    }

    public ScoringModel model() {
        return model;
    }

    /**
     * Scores a conversation as of {@code now}: the strongest signals within the model's window (see
     * {@link Conversation}), then the factors and the decay.
     *
     * @param signals the conversation's analysed messages (at least one, any order)
     */
    public ConversationScore score(Contact contact, Collection<Signal> signals, Instant now) {
        ScoringInput input = Conversation.summarize(contact, signals, model.conversationWindow(), now);
        return new ConversationScore(input, score(input));
    }

    /**
     * A conversation's score with what it was computed from.
     *
     * @param input its strongest recent signals: the intent and urgency a lead shows are {@code input}'s
     */
    public record ConversationScore(ScoringInput input, ScoreBreakdown breakdown) {
    }

    public ScoreBreakdown score(ScoringInput input) {
        List<Factor> factors = new ArrayList<>(List.of(
                intent(input), urgency(input), contactQuality(input), channel(input),
                dataQuality(input), messageLength(input), bonus(input)));
        int earned = Math.min(100, factors.stream().mapToInt(Factor::points).sum());
        Factor decay = decay(input, earned);
        factors.add(decay);
        int total = earned + decay.points();
        return new ScoreBreakdown(total, grade(total), factors);
    }

    /** HOT from the hot threshold up, WARM from the warm threshold up, COLD below. */
    public Quality grade(int score) {
        return score >= model.hotThreshold() ? Quality.HOT : score >= model.warmThreshold() ? Quality.WARM : Quality.COLD;
    }

    /** How strongly an intent signals a sale, 0–1: Buy highest, Spam nothing. */
    public static double intentValue(Intent intent) {
        return switch (intent) {
            case BUY -> 1.0;
            case PRICING -> 0.8;
            case QUESTION -> 0.5;
            case SUPPORT -> 0.3;
            case COMPLAINT -> 0.2;
            case OTHER -> 0.1;
            case SPAM -> 0.0;
        };
    }

    public static double urgencyValue(Urgency urgency) {
        return switch (urgency) {
            case HIGH -> 1.0;
            case MEDIUM -> 0.5;
            case LOW -> 0.1;
        };
    }

    /** How well leads from a channel convert: WhatsApp best. */
    public static double channelValue(Channel channel) {
        return switch (channel) {
            case WHATSAPP -> 1.0;
            case WEBSITE -> 0.8;
            case INSTAGRAM, SMS -> 0.7;
            case EMAIL -> 0.6;
        };
    }

    private Factor intent(ScoringInput input) {
        int weight = model.weights().intent();
        int confidence = Math.max(0, Math.min(100, input.confidence()));
        return new Factor("intent", points(weight, intentValue(input.intent())), weight,
                input.intent().label() + " intent from " + input.provider() + ", confidence " + confidence);
    }

    private Factor urgency(ScoringInput input) {
        int weight = model.weights().urgency();
        return new Factor("urgency", points(weight, urgencyValue(input.urgency())), weight,
                input.urgency().label() + " urgency");
    }

    private Factor contactQuality(ScoringInput input) {
        int weight = model.weights().contactQuality();
        boolean phone = input.phone() != null;
        boolean email = input.email() != null;
        double value = (phone ? 2.0 / 3 : 0) + (email ? 1.0 / 3 : 0);
        String evidence = phone && email ? "valid phone and email" : phone ? "valid phone" : email ? "valid email" : "no contact";
        return new Factor("contact_quality", points(weight, value), weight, evidence);
    }

    private Factor channel(ScoringInput input) {
        int weight = model.weights().channel();
        return new Factor("channel", points(weight, channelValue(input.channel())), weight, input.channel().label());
    }

    private Factor dataQuality(ScoringInput input) {
        int weight = model.weights().dataQuality();
        List<String> known = new ArrayList<>();
        double value = 0;
        for (Detail detail : DETAILS) {
            if (detail.of().apply(input) != null) {
                value += detail.value();
                known.add(detail.name());
            }
        }
        return new Factor("data_quality", points(weight, value), weight,
                known.isEmpty() ? "nothing beyond the contact" : String.join(", ", known));
    }

    private Factor messageLength(ScoringInput input) {
        int weight = model.weights().messageLength();
        int length = Math.max(0, input.messageLength());
        double value = length >= 80 ? 1.0 : length >= 20 ? 0.6 : length > 0 ? 0.2 : 0;
        return new Factor("message_length", points(weight, value), weight, length + " characters");
    }

    private Factor bonus(ScoringInput input) {
        int weight = model.weights().bonus();
        boolean reachable = input.phone() != null || input.email() != null;
        boolean complete = input.name() != null && reachable;
        boolean both = input.phone() != null && input.email() != null;
        double value = (complete ? 0.5 : 0) + (both ? 0.5 : 0);
        String evidence = complete && both ? "complete contact, phone and email"
                : complete ? "complete contact" : both ? "phone and email, no name" : "incomplete contact";
        return new Factor("bonus", points(weight, value), weight, evidence);
    }

    /** Silence past the grace period takes points away, never more than the lead earned. */
    private Factor decay(ScoringInput input, int earned) {
        ScoringModel.Decay decay = model.decay();
        Duration quiet = input.quietFor().isNegative() ? Duration.ZERO : input.quietFor();
        long quietDays = quiet.toDays();
        if (quiet.compareTo(decay.grace()) <= 0) {
            return new Factor("decay", 0, decay.maxPoints(), "last message " + ago(quietDays));
        }
        long daysPastGrace = quiet.minus(decay.grace()).toDays();
        long lost = Math.min(decay.maxPoints(), daysPastGrace * decay.pointsPerWeek() / 7);
        int applied = (int) Math.min(lost, earned);
        return new Factor("decay", -applied, decay.maxPoints(), "quiet for " + quietDays + " days");
    }

    private record Detail(String name, double value, Function<ScoringInput, Object> of) {
    }

    private static String ago(long days) {
        return days == 0 ? "today" : days == 1 ? "yesterday" : days + " days ago";
    }

    private static int points(int weight, double value) {
        return (int) Math.round(weight * Math.max(0, Math.min(1, value)));
    }
}
