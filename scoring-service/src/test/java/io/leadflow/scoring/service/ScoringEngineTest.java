package io.leadflow.scoring.service;

import io.leadflow.events.Analysis;
import io.leadflow.events.Channel;
import io.leadflow.events.Intent;
import io.leadflow.events.Quality;
import io.leadflow.events.ScoreBreakdown;
import io.leadflow.events.Urgency;
import io.leadflow.scoring.config.ScoringConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScoringEngineTest {

    static final ScoringConfig DEFAULTS = new ScoringConfig() {
        @Override
        public Weights weights() {
            return new Weights() {
                public int intent() { return 30; }
                public int urgency() { return 20; }
                public int contactQuality() { return 15; }
                public int channel() { return 10; }
                public int dataQuality() { return 10; }
                public int messageLength() { return 5; }
                public int bonus() { return 10; }
            };
        }

        @Override
        public int hotThreshold() {
            return 60;
        }

        @Override
        public int warmThreshold() {
            return 40;
        }
    };

    private final ScoringEngine engine = new ScoringEngine(DEFAULTS);

    @Test
    void seedExample_whatsappBuyerWithHighUrgencyPhoneAndName_isHotInThe80s() {
        String text = "I want to buy 3 units today, it is urgent";
        ScoreBreakdown breakdown = engine.score(new ScoringInput(Intent.BUY, Urgency.HIGH, 92, "mistral", Channel.WHATSAPP,
                "Ahmed", "+923001234567", null,
                new Analysis.ExtractedData(null, 3, null, null, null, List.of(), List.of()), text.length()));

        assertThat(breakdown.quality()).isEqualTo(Quality.HOT);
        assertThat(breakdown.score()).isBetween(80, 89);
        assertThat(breakdown.factors()).extracting(ScoreBreakdown.Factor::name).containsExactly(
                "intent", "urgency", "contact_quality", "channel", "data_quality", "message_length", "bonus");
        assertThat(breakdown.factors().get(0).evidence()).isEqualTo("Buy intent from mistral, confidence 92");
        assertThat(breakdown.factors().get(2).evidence()).isEqualTo("valid phone");
        assertThat(breakdown.factors().stream().mapToInt(ScoreBreakdown.Factor::points).sum()).isEqualTo(breakdown.score());
    }

    @Test
    void gradeBoundaries() {
        assertThat(engine.grade(39)).isEqualTo(Quality.COLD);
        assertThat(engine.grade(40)).isEqualTo(Quality.WARM);
        assertThat(engine.grade(59)).isEqualTo(Quality.WARM);
        assertThat(engine.grade(60)).isEqualTo(Quality.HOT);
    }

    @Test
    void spamWithNothingKnown_isCold() {
        ScoreBreakdown breakdown = engine.score(new ScoringInput(Intent.SPAM, Urgency.LOW, 90, "offline", Channel.EMAIL,
                null, null, "x@example.com", Analysis.ExtractedData.NONE, 5));
        assertThat(breakdown.quality()).isEqualTo(Quality.COLD);
    }
}
