package io.leadflow.scoring.model;

import io.leadflow.events.Analysis;
import io.leadflow.events.Channel;
import io.leadflow.events.Intent;
import io.leadflow.events.Quality;
import io.leadflow.events.ScoreBreakdown;
import io.leadflow.events.ScoreBreakdown.Factor;
import io.leadflow.events.Urgency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScoringEngineTest {

    private final ScoringEngine engine = new ScoringEngine(ScoringModel.DEFAULTS);

    /** Everything at its weakest: an empty spam email from nobody known (still 8 points: low urgency, email). */
    static ScoringInput weakest() {
        return new ScoringInput(Intent.SPAM, Urgency.LOW, 50, "offline", Channel.EMAIL, null, null, null,
                Analysis.ExtractedData.NONE, 0, Duration.ZERO);
    }

    static ScoringInput seedExample() {
        String text = "I want to buy 3 units today, it is urgent";
        return new ScoringInput(Intent.BUY, Urgency.HIGH, 92, "mistral", Channel.WHATSAPP, "Ahmed", "+923001234567", null,
                new Analysis.ExtractedData(null, 3, null, null, null, List.of(), List.of()), text.length(), Duration.ZERO);
    }

    @Test
    void seedExample_whatsappBuyerWithHighUrgencyPhoneAndName_isHotInThe80s() {
        ScoreBreakdown breakdown = engine.score(seedExample());

        assertThat(breakdown.quality()).isEqualTo(Quality.HOT);
        assertThat(breakdown.score()).isEqualTo(84);
        assertThat(breakdown.factors()).containsExactly(
                new Factor("intent", 30, 30, "Buy intent from mistral, confidence 92"),
                new Factor("urgency", 20, 20, "High urgency"),
                new Factor("contact_quality", 10, 15, "valid phone"),
                new Factor("channel", 10, 10, "whatsapp"),
                new Factor("data_quality", 6, 10, "name, quantity"),
                new Factor("message_length", 3, 5, "41 characters"),
                new Factor("bonus", 5, 10, "complete contact"),
                new Factor("decay", 0, 50, "last message today"));
    }

    @ParameterizedTest(name = "{0} gives {1} of 30")
    @CsvSource({"BUY,30", "PRICING,24", "QUESTION,15", "SUPPORT,9", "COMPLAINT,6", "OTHER,3", "SPAM,0"})
    void intentFactor_ranksBuyHighestAndSpamNothing(Intent intent, int points) {
        ScoringInput input = new ScoringInput(intent, Urgency.LOW, 70, "gemini", Channel.EMAIL, null, null, null, null, 0, null);
        assertThat(factor(input, "intent")).isEqualTo(new Factor("intent", points, 30,
                intent.label() + " intent from gemini, confidence 70"));
    }

    @Test
    void intentEvidence_clampsAConfidenceOutOfRange() {
        ScoringInput input = new ScoringInput(Intent.BUY, Urgency.LOW, 250, "ollama", Channel.EMAIL, null, null, null, null, 0, null);
        assertThat(factor(input, "intent").evidence()).isEqualTo("Buy intent from ollama, confidence 100");
    }

    @ParameterizedTest(name = "{0} gives {1} of 20")
    @CsvSource({"HIGH,20", "MEDIUM,10", "LOW,2"})
    void urgencyFactor(Urgency urgency, int points) {
        ScoringInput input = new ScoringInput(Intent.OTHER, urgency, 0, "offline", Channel.EMAIL, null, null, null, null, 0, null);
        assertThat(factor(input, "urgency")).isEqualTo(new Factor("urgency", points, 20, urgency.label() + " urgency"));
    }

    @ParameterizedTest(name = "phone {0}, email {1}: {2}")
    @CsvSource({
            "false,false,0,no contact",
            "false,true,5,valid email",
            "true,false,10,valid phone",
            "true,true,15,valid phone and email"})
    void contactQualityFactor_phoneCountsTwiceAsMuchAsEmail(boolean phone, boolean email, int points, String evidence) {
        ScoringInput input = new ScoringInput(Intent.OTHER, Urgency.LOW, 0, "offline", Channel.EMAIL, null,
                phone ? "+923001234567" : null, email ? "a@example.com" : null, null, 0, null);
        assertThat(factor(input, "contact_quality")).isEqualTo(new Factor("contact_quality", points, 15, evidence));
    }

    @ParameterizedTest(name = "{0} gives {1} of 10")
    @CsvSource({"WHATSAPP,10", "WEBSITE,8", "INSTAGRAM,7", "SMS,7", "EMAIL,6"})
    void channelFactor_whatsappConvertsBest(Channel channel, int points) {
        ScoringInput input = new ScoringInput(Intent.OTHER, Urgency.LOW, 0, "offline", channel, null, null, null, null, 0, null);
        assertThat(factor(input, "channel")).isEqualTo(new Factor("channel", points, 10, channel.label()));
    }

    @Test
    void dataQualityFactor_countsNameProductQuantityBudgetAndLocation() {
        ScoringInput nothing = weakest();
        ScoringInput everything = new ScoringInput(Intent.OTHER, Urgency.LOW, 0, "offline", Channel.EMAIL, "Sara", null, null,
                new Analysis.ExtractedData("sofa", 2, "Rs 50,000", "Lahore", null, List.of(), List.of()), 0, null);
        ScoringInput productOnly = new ScoringInput(Intent.OTHER, Urgency.LOW, 0, "offline", Channel.EMAIL, null, null, null,
                new Analysis.ExtractedData("sofa", null, null, null, null, List.of(), List.of()), 0, null);

        assertThat(factor(nothing, "data_quality")).isEqualTo(new Factor("data_quality", 0, 10, "nothing beyond the contact"));
        assertThat(factor(everything, "data_quality"))
                .isEqualTo(new Factor("data_quality", 10, 10, "name, product, quantity, budget, location"));
        assertThat(factor(productOnly, "data_quality")).isEqualTo(new Factor("data_quality", 2, 10, "product"));
    }

    @ParameterizedTest(name = "{0} characters give {1} of 5")
    @CsvSource({"0,0", "1,1", "19,1", "20,3", "79,3", "80,5", "4000,5"})
    void messageLengthFactor(int length, int points) {
        ScoringInput input = new ScoringInput(Intent.OTHER, Urgency.LOW, 0, "offline", Channel.EMAIL, null, null, null, null, length, null);
        assertThat(factor(input, "message_length")).isEqualTo(new Factor("message_length", points, 5, length + " characters"));
    }

    @ParameterizedTest(name = "name {0}, phone {1}, email {2}: {3}")
    @CsvSource({
            "false,false,false,0,incomplete contact",
            "true,false,false,0,incomplete contact",
            "false,true,false,0,incomplete contact",
            "true,true,false,5,complete contact",
            "true,false,true,5,complete contact",
            "false,true,true,5,'phone and email, no name'",
            "true,true,true,10,'complete contact, phone and email'"})
    void bonusFactor_forANameWithAWayToReachThemAndForBothPhoneAndEmail(boolean name, boolean phone, boolean email,
                                                                        int points, String evidence) {
        ScoringInput input = new ScoringInput(Intent.OTHER, Urgency.LOW, 0, "offline", Channel.EMAIL, name ? "Sara" : null,
                phone ? "+923001234567" : null, email ? "a@example.com" : null, null, 0, null);
        assertThat(factor(input, "bonus")).isEqualTo(new Factor("bonus", points, 10, evidence));
    }

    @ParameterizedTest(name = "quiet {0} days: {1} points")
    @CsvSource({
            "0,0,last message today",
            "1,0,last message yesterday",
            "7,0,last message 7 days ago",
            "8,-1,quiet for 8 days",
            "14,-10,quiet for 14 days",
            "28,-30,quiet for 28 days",
            "42,-50,quiet for 42 days",
            "365,-50,quiet for 365 days"})
    void decay_startsAfterAWeekOfSilenceAndStopsAtItsMaximum(int quietDays, int points, String evidence) {
        ScoringInput input = withQuiet(seedExample(), Duration.ofDays(quietDays));
        assertThat(factor(input, "decay")).isEqualTo(new Factor("decay", points, 50, evidence));
        assertThat(engine.score(input).score()).isEqualTo(84 + points);
    }

    @Test
    void decay_coolsTheSeedBuyerToWarmAfterFourWeeksAndColdAfterSix() {
        assertThat(engine.score(withQuiet(seedExample(), Duration.ofDays(28))).quality()).isEqualTo(Quality.WARM);
        assertThat(engine.score(withQuiet(seedExample(), Duration.ofDays(42))).quality()).isEqualTo(Quality.COLD);
    }

    @Test
    void decay_neverTakesMoreThanTheLeadEarned() {
        ScoreBreakdown breakdown = engine.score(withQuiet(weakest(), Duration.ofDays(300)));
        assertThat(breakdown.score()).isZero();
        assertThat(breakdown.factors().get(7)).isEqualTo(new Factor("decay", -8, 50, "quiet for 300 days"));
    }

    @Test
    void gradeBoundaries() {
        assertThat(engine.grade(0)).isEqualTo(Quality.COLD);
        assertThat(engine.grade(39)).isEqualTo(Quality.COLD);
        assertThat(engine.grade(40)).isEqualTo(Quality.WARM);
        assertThat(engine.grade(59)).isEqualTo(Quality.WARM);
        assertThat(engine.grade(60)).isEqualTo(Quality.HOT);
        assertThat(engine.grade(100)).isEqualTo(Quality.HOT);
    }

    @Test
    void configuredThresholdsAndWeights_areTheOnesUsed() {
        ScoringModel model = new ScoringModel(new ScoringModel.Weights(50, 10, 10, 10, 10, 5, 5), 70, 30,
                Duration.ofDays(30), new ScoringModel.Decay(Duration.ofDays(7), 10, 50));
        ScoringEngine custom = new ScoringEngine(model);

        assertThat(custom.grade(69)).isEqualTo(Quality.WARM);
        assertThat(custom.grade(70)).isEqualTo(Quality.HOT);
        assertThat(custom.grade(29)).isEqualTo(Quality.COLD);
        assertThat(custom.score(seedExample()).factors().get(0)).isEqualTo(
                new Factor("intent", 50, 50, "Buy intent from mistral, confidence 92"));
    }

    @Test
    void spamWithNothingKnown_isCold() {
        ScoreBreakdown breakdown = engine.score(new ScoringInput(Intent.SPAM, Urgency.LOW, 90, "offline", Channel.EMAIL,
                null, null, "x@example.com", Analysis.ExtractedData.NONE, 5, Duration.ZERO));
        assertThat(breakdown.quality()).isEqualTo(Quality.COLD);
    }

    @Test
    void model_withWeightsAddingUpToMoreThan100_isRefusedNamingTheKeys() {
        assertThatThrownBy(() -> new ScoringModel(new ScoringModel.Weights(50, 20, 15, 10, 10, 5, 10), 60, 40,
                Duration.ofDays(30), ScoringModel.DEFAULTS.decay()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("leadflow.scoring.weights.* add up to 120, more than 100");
    }

    @Test
    void model_withNegativeWeightOrThresholdsOutOfOrder_isRefused() {
        assertThatThrownBy(() -> new ScoringModel(new ScoringModel.Weights(30, -1, 15, 10, 10, 5, 10), 40, 60,
                Duration.ofDays(30), new ScoringModel.Decay(Duration.ofDays(7), -2, 50)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("leadflow.scoring.weights.urgency must not be negative")
                .hasMessageContaining("leadflow.scoring.warm-threshold (60) < leadflow.scoring.hot-threshold (40)")
                .hasMessageContaining("leadflow.scoring.decay.points-per-week must not be negative");
    }

    @Test
    void fullDecay_isReachedOnceMaxPointsAreLost() {
        assertThat(ScoringModel.DEFAULTS.decay().fullyDecayedAfter()).isEqualTo(Duration.ofDays(42));
        assertThat(new ScoringModel.Decay(Duration.ofDays(7), 0, 50).fullyDecayedAfter()).isEqualTo(Duration.ofDays(7));
    }

    static ScoringInput withQuiet(ScoringInput input, Duration quiet) {
        return new ScoringInput(input.intent(), input.urgency(), input.confidence(), input.provider(), input.channel(),
                input.name(), input.phone(), input.email(), input.extracted(), input.messageLength(), quiet);
    }

    private Factor factor(ScoringInput input, String name) {
        return engine.score(input).factors().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }
}
