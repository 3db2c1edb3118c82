package io.leadflow.scoring.model;

import io.leadflow.events.Analysis;
import io.leadflow.events.Channel;
import io.leadflow.events.Intent;
import io.leadflow.events.Quality;
import io.leadflow.events.Urgency;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConversationTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final Duration WINDOW = Duration.ofDays(30);
    private static final Contact AHMED = new Contact("Ahmed", "+923001234567", null);
    private final ScoringEngine engine = new ScoringEngine(ScoringModel.DEFAULTS);

    @Test
    void thanksAfterABuyingMessage_keepsTheBuyIntentAndUrgency_soTheLeadStaysHot() {
        List<Signal> conversation = List.of(
                signal(NOW.minusSeconds(600), Channel.WHATSAPP, Intent.BUY, Urgency.HIGH, 41, quantity(3)),
                signal(NOW.minusSeconds(60), Channel.WHATSAPP, Intent.OTHER, Urgency.LOW, 7, null));

        ScoringInput input = Conversation.summarize(AHMED, conversation, WINDOW, NOW);

        assertThat(input.intent()).isEqualTo(Intent.BUY);
        assertThat(input.urgency()).isEqualTo(Urgency.HIGH);
        assertThat(input.messageLength()).isEqualTo(41);
        assertThat(input.extracted().quantity()).isEqualTo(3);
        assertThat(input.quietFor()).isEqualTo(Duration.ofSeconds(60));
        assertThat(engine.score(input).quality()).isEqualTo(Quality.HOT);
        assertThat(engine.score(input).score()).isEqualTo(84);
    }

    @Test
    void signalsOlderThanTheWindowBeforeTheLatestMessage_noLongerCount() {
        List<Signal> conversation = List.of(
                signal(NOW.minus(Duration.ofDays(45)), Channel.WHATSAPP, Intent.BUY, Urgency.HIGH, 41, null),
                signal(NOW.minus(Duration.ofDays(1)), Channel.EMAIL, Intent.QUESTION, Urgency.MEDIUM, 12, null));

        ScoringInput input = Conversation.summarize(AHMED, conversation, WINDOW, NOW);

        assertThat(input.intent()).isEqualTo(Intent.QUESTION);
        assertThat(input.urgency()).isEqualTo(Urgency.MEDIUM);
        assertThat(input.channel()).isEqualTo(Channel.EMAIL);
        assertThat(input.messageLength()).isEqualTo(12);
    }

    @Test
    void theBestRecentChannelCounts_andOfEqualIntentsTheLatestAnalysisIsTheEvidence() {
        Signal first = new Signal(NOW.minusSeconds(300), Channel.WHATSAPP, Intent.PRICING, Urgency.LOW, 60, "offline", 10, null);
        Signal second = new Signal(NOW.minusSeconds(100), Channel.EMAIL, Intent.PRICING, Urgency.LOW, 95, "mistral", 10, null);

        ScoringInput input = Conversation.summarize(AHMED, List.of(second, first), WINDOW, NOW);

        assertThat(input.channel()).isEqualTo(Channel.WHATSAPP);
        assertThat(input.provider()).isEqualTo("mistral");
        assertThat(input.confidence()).isEqualTo(95);
    }

    @Test
    void whatTheMessagesTold_mergesWithTheLatestValueWinning() {
        List<Signal> conversation = List.of(
                signal(NOW.minusSeconds(300), Channel.WHATSAPP, Intent.BUY, Urgency.LOW, 10,
                        new Analysis.ExtractedData("sofa", 2, null, "Lahore", null, List.of(), List.of("a@example.com"))),
                signal(NOW.minusSeconds(100), Channel.WHATSAPP, Intent.BUY, Urgency.LOW, 10,
                        new Analysis.ExtractedData(null, 3, "Rs 5,000", null, null, List.of(), List.of())));

        Analysis.ExtractedData data = Conversation.summarize(AHMED, conversation, WINDOW, NOW).extracted();

        assertThat(data).isEqualTo(new Analysis.ExtractedData("sofa", 3, "Rs 5,000", "Lahore", null, List.of(),
                List.of("a@example.com")));
    }

    @Test
    void silenceSinceTheLatestMessage_isWhatDecays() {
        List<Signal> conversation = List.of(
                signal(NOW.minus(Duration.ofDays(28)), Channel.WHATSAPP, Intent.BUY, Urgency.HIGH, 41, quantity(3)));

        ScoringInput input = Conversation.summarize(AHMED, conversation, WINDOW, NOW);

        assertThat(input.quietFor()).isEqualTo(Duration.ofDays(28));
        assertThat(engine.score(input).quality()).isEqualTo(Quality.WARM);
    }

    @Test
    void aMessage_countsByItsLengthInCharactersNotUtf16Units_andItsConfidenceIsKeptTo0To100() {
        // "Salam 👋 ..." : the emoji is one character and two UTF-16 units.
        Signal signal = Signal.of(NOW, Channel.WHATSAPP, Intent.BUY, Urgency.HIGH, 250, "mistral", "Salam 👋 sofa?", null);

        assertThat(signal).isEqualTo(new Signal(NOW, Channel.WHATSAPP, Intent.BUY, Urgency.HIGH, 100, "mistral", 13,
                Analysis.ExtractedData.NONE));
        assertThat(Signal.of(NOW, Channel.SMS, Intent.OTHER, Urgency.LOW, -5, "offline", "", null).confidence()).isZero();
    }

    @Test
    void aConversationsScore_isTheEnginesScoreOfItsSummary_withinTheModelsWindow() {
        List<Signal> conversation = List.of(
                signal(NOW.minus(Duration.ofDays(45)), Channel.WHATSAPP, Intent.BUY, Urgency.HIGH, 41, null),
                signal(NOW.minus(Duration.ofDays(1)), Channel.EMAIL, Intent.QUESTION, Urgency.MEDIUM, 12, null));

        ScoringEngine.ConversationScore score = engine.score(AHMED, conversation, NOW);

        ScoringInput summary = Conversation.summarize(AHMED, conversation, ScoringModel.DEFAULTS.conversationWindow(), NOW);
        assertThat(score.input()).isEqualTo(summary);
        assertThat(score.breakdown()).isEqualTo(engine.score(summary));
        assertThat(score.input().intent()).as("the 45-day-old message is out of the window").isEqualTo(Intent.QUESTION);
    }

    @Test
    void aConversationWithoutMessages_isRefused() {
        assertThatThrownBy(() -> Conversation.summarize(AHMED, List.of(), WINDOW, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Analysis.ExtractedData quantity(int quantity) {
        return new Analysis.ExtractedData(null, quantity, null, null, null, List.of(), List.of());
    }

    private static Signal signal(Instant at, Channel channel, Intent intent, Urgency urgency, int length,
                                 Analysis.ExtractedData data) {
        return new Signal(at, channel, intent, urgency, 90, "offline", length, data);
    }
}
