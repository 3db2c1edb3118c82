package io.leadflow.scoring.service;

import io.leadflow.events.Analysis;
import io.leadflow.events.Quality;
import io.leadflow.events.ScoreBreakdown;
import io.leadflow.events.ScoreBreakdown.Factor;
import io.leadflow.scoring.config.ScoringConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/** The seven-factor model of the seed. Pure logic: the same input always gives the same breakdown. */
@ApplicationScoped
public class ScoringEngine {

    private final ScoringConfig.Weights weights;
    private final int hotThreshold;
    private final int warmThreshold;

    public ScoringEngine(ScoringConfig config) {
        this.weights = config.weights();
        this.hotThreshold = config.hotThreshold();
        this.warmThreshold = config.warmThreshold();
    }

    public ScoreBreakdown score(ScoringInput input) {
        List<Factor> factors = List.of(
                intent(input), urgency(input), contactQuality(input), channel(input),
                dataQuality(input), messageLength(input), bonus(input));
        int total = Math.max(0, Math.min(100, factors.stream().mapToInt(Factor::points).sum()));
        return new ScoreBreakdown(total, grade(total), factors);
    }

    /** HOT from the hot threshold up, WARM from the warm threshold up, COLD below. */
    public Quality grade(int score) {
        return score >= hotThreshold ? Quality.HOT : score >= warmThreshold ? Quality.WARM : Quality.COLD;
    }

    private Factor intent(ScoringInput input) {
        double value = switch (input.intent()) {
            case BUY -> 1.0;
            case PRICING -> 0.8;
            case QUESTION -> 0.5;
            case SUPPORT -> 0.3;
            case COMPLAINT -> 0.2;
            case OTHER -> 0.1;
            case SPAM -> 0.0;
        };
        int confidence = Math.max(0, Math.min(100, input.confidence()));
        return new Factor("intent", points(weights.intent(), value), weights.intent(),
                input.intent().label() + " intent from " + input.provider() + ", confidence " + confidence);
    }

    private Factor urgency(ScoringInput input) {
        double value = switch (input.urgency()) {
            case HIGH -> 1.0;
            case MEDIUM -> 0.5;
            case LOW -> 0.1;
        };
        return new Factor("urgency", points(weights.urgency(), value), weights.urgency(),
                input.urgency().label() + " urgency");
    }

    private Factor contactQuality(ScoringInput input) {
        boolean phone = input.phone() != null;
        boolean email = input.email() != null;
        double value = (phone ? 2.0 / 3 : 0) + (email ? 1.0 / 3 : 0);
        String evidence = phone && email ? "valid phone and email" : phone ? "valid phone" : email ? "valid email" : "no contact";
        return new Factor("contact_quality", points(weights.contactQuality(), value), weights.contactQuality(), evidence);
    }

    private Factor channel(ScoringInput input) {
        double value = switch (input.channel()) {
            case WHATSAPP -> 1.0;
            case WEBSITE -> 0.8;
            case INSTAGRAM, SMS -> 0.7;
            case EMAIL -> 0.6;
        };
        return new Factor("channel", points(weights.channel(), value), weights.channel(), input.channel().label());
    }

    private Factor dataQuality(ScoringInput input) {
        Analysis.ExtractedData data = input.extracted() == null ? Analysis.ExtractedData.NONE : input.extracted();
        List<String> known = new ArrayList<>();
        double value = 0;
        if (input.name() != null) {
            value += 0.4;
            known.add("name");
        }
        if (data.product() != null) {
            value += 0.2;
            known.add("product");
        }
        if (data.quantity() != null) {
            value += 0.2;
            known.add("quantity");
        }
        if (data.budget() != null) {
            value += 0.1;
            known.add("budget");
        }
        if (data.location() != null) {
            value += 0.1;
            known.add("location");
        }
        return new Factor("data_quality", points(weights.dataQuality(), value), weights.dataQuality(),
                known.isEmpty() ? "nothing beyond the contact" : String.join(", ", known));
    }

    private Factor messageLength(ScoringInput input) {
        int length = Math.max(0, input.messageLength());
        double value = length >= 80 ? 1.0 : length >= 20 ? 0.6 : length > 0 ? 0.2 : 0;
        return new Factor("message_length", points(weights.messageLength(), value), weights.messageLength(),
                length + " characters");
    }

    private Factor bonus(ScoringInput input) {
        boolean reachable = input.phone() != null || input.email() != null;
        boolean complete = input.name() != null && reachable;
        double value = (complete ? 0.5 : 0) + (input.phone() != null && input.email() != null ? 0.5 : 0);
        return new Factor("bonus", points(weights.bonus(), value), weights.bonus(),
                complete ? "complete contact" : "incomplete contact");
    }

    private static int points(int weight, double value) {
        return (int) Math.round(weight * Math.max(0, Math.min(1, value)));
    }
}
