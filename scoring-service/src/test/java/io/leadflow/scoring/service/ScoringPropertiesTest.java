package io.leadflow.scoring.service;

import io.leadflow.events.Analysis;
import io.leadflow.events.Channel;
import io.leadflow.events.Intent;
import io.leadflow.events.ScoreBreakdown;
import io.leadflow.events.Urgency;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The model's promises, checked on generated inputs and models rather than a few examples. */
class ScoringPropertiesTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @Property
    void score_isAlways0To100_gradedByTheThresholds_andTheSumOfItsFactors(@ForAll("models") ScoringModel model,
                                                                         @ForAll("inputs") ScoringInput input) {
        ScoringEngine engine = new ScoringEngine(model);
        ScoreBreakdown breakdown = engine.score(input);

        assertThat(breakdown.score()).isBetween(0, 100);
        assertThat(breakdown.quality()).isEqualTo(engine.grade(breakdown.score()));
        assertThat(breakdown.factors().stream().mapToInt(ScoreBreakdown.Factor::points).sum()).isEqualTo(breakdown.score());
        assertThat(breakdown.factors()).extracting(ScoreBreakdown.Factor::name).containsExactlyElementsOf(ScoringEngine.FACTORS);
        breakdown.factors().stream().filter(f -> !f.name().equals("decay"))
                .forEach(f -> assertThat(f.points()).isBetween(0, f.max()));
    }

    @Property
    void strongerIntent_neverLowersTheScore(@ForAll("models") ScoringModel model, @ForAll("inputs") ScoringInput input,
                                           @ForAll Intent a, @ForAll Intent b) {
        Intent weaker = ScoringEngine.intentValue(a) <= ScoringEngine.intentValue(b) ? a : b;
        Intent stronger = weaker == a ? b : a;
        assertNotLower(model, with(input, weaker, input.urgency()), with(input, stronger, input.urgency()));
    }

    @Property
    void moreUrgency_neverLowersTheScore(@ForAll("models") ScoringModel model, @ForAll("inputs") ScoringInput input,
                                        @ForAll Urgency a, @ForAll Urgency b) {
        Urgency less = ScoringEngine.urgencyValue(a) <= ScoringEngine.urgencyValue(b) ? a : b;
        Urgency more = less == a ? b : a;
        assertNotLower(model, with(input, input.intent(), less), with(input, input.intent(), more));
    }

    @Property
    void aValidEmailPhoneOrNameAdded_neverLowersTheScore(@ForAll("models") ScoringModel model,
                                                        @ForAll("inputs") ScoringInput input) {
        ScoringInput noEmail = contact(input, input.name(), input.phone(), null);
        ScoringInput noPhone = contact(input, input.name(), null, input.email());
        ScoringInput noName = contact(input, null, input.phone(), input.email());
        ScoringInput all = contact(input, "Sara", "+923001234567", "sara@example.com");

        assertNotLower(model, noEmail, contact(input, input.name(), input.phone(), "sara@example.com"));
        assertNotLower(model, noPhone, contact(input, input.name(), "+923001234567", input.email()));
        assertNotLower(model, noName, contact(input, "Sara", input.phone(), input.email()));
        assertNotLower(model, input, all);
    }

    @Property
    void betterChannel_longerMessage_moreKnownData_orMoreRecentActivity_neverLowersTheScore(
            @ForAll("models") ScoringModel model, @ForAll("inputs") ScoringInput input, @ForAll Channel a, @ForAll Channel b) {
        Channel worse = ScoringEngine.channelValue(a) <= ScoringEngine.channelValue(b) ? a : b;
        Channel better = worse == a ? b : a;
        assertNotLower(model, copy(input, worse, input.messageLength(), input.extracted(), input.quietFor()),
                copy(input, better, input.messageLength(), input.extracted(), input.quietFor()));
        assertNotLower(model, input, copy(input, input.channel(), Math.max(input.messageLength(), 0) + 60,
                input.extracted(), input.quietFor()));
        assertNotLower(model, input, copy(input, input.channel(), input.messageLength(),
                new Analysis.ExtractedData("sofa", 2, "Rs 5,000", "Lahore", null, List.of(), List.of()), input.quietFor()));
        assertNotLower(model, input, copy(input, input.channel(), input.messageLength(), input.extracted(),
                input.quietFor().dividedBy(2)));
    }

    @Property
    void aLaterMessageWithinTheWindow_neverLowersTheConversationsIntentOrUrgency(
            @ForAll("conversations") List<Signal> conversation, @ForAll("signals") Signal later) {
        Signal latest = conversation.stream().max(java.util.Comparator.comparing(Signal::receivedAt)).orElseThrow();
        Signal next = new Signal(latest.receivedAt().plusSeconds(60), later.channel(), later.intent(), later.urgency(),
                later.confidence(), later.provider(), later.length(), later.extracted());
        List<Signal> longer = new ArrayList<>(conversation);
        longer.add(next);
        Duration window = Duration.ofDays(3650);

        ScoringInput before = Conversation.summarize(Contact.NONE, conversation, window, NOW);
        ScoringInput after = Conversation.summarize(Contact.NONE, longer, window, NOW);

        assertThat(ScoringEngine.intentValue(after.intent())).isGreaterThanOrEqualTo(ScoringEngine.intentValue(before.intent()));
        assertThat(ScoringEngine.urgencyValue(after.urgency())).isGreaterThanOrEqualTo(ScoringEngine.urgencyValue(before.urgency()));
    }

    @Provide
    Arbitrary<ScoringModel> models() {
        Arbitrary<ScoringModel.Weights> weights = Combinators.combine(
                Arbitraries.integers().between(0, 28), Arbitraries.integers().between(0, 12),
                Arbitraries.integers().between(0, 12), Arbitraries.integers().between(0, 12),
                Arbitraries.integers().between(0, 12), Arbitraries.integers().between(0, 12),
                Arbitraries.integers().between(0, 12)).as(ScoringModel.Weights::new);
        Arbitrary<int[]> thresholds = Arbitraries.integers().between(0, 99)
                .flatMap(warm -> Arbitraries.integers().between(warm + 1, 100).map(hot -> new int[] {warm, hot}));
        Arbitrary<ScoringModel.Decay> decay = Combinators.combine(Arbitraries.integers().between(0, 30),
                        Arbitraries.integers().between(0, 50), Arbitraries.integers().between(0, 100))
                .as((graceDays, perWeek, max) -> new ScoringModel.Decay(Duration.ofDays(graceDays), perWeek, max));
        return Combinators.combine(weights, thresholds, decay).as((w, t, d) ->
                new ScoringModel(w, t[1], t[0], Duration.ofDays(30), d));
    }

    @Provide
    Arbitrary<ScoringInput> inputs() {
        Arbitrary<String> name = Arbitraries.of("Ahmed", "Sara").injectNull(0.4);
        Arbitrary<String> phone = Arbitraries.of("+923001234567").injectNull(0.4);
        Arbitrary<String> email = Arbitraries.of("a@example.com").injectNull(0.4);
        Arbitrary<Analysis.ExtractedData> extracted = Combinators.combine(
                Arbitraries.of("sofa").injectNull(0.5), Arbitraries.integers().between(1, 1000).injectNull(0.5),
                Arbitraries.of("Rs 500").injectNull(0.5), Arbitraries.of("Karachi").injectNull(0.5))
                .as((product, quantity, budget, location) ->
                        new Analysis.ExtractedData(product, quantity, budget, location, null, List.of(), List.of()));
        Arbitrary<Duration> quiet = Arbitraries.longs().between(-3_600, 400L * 86_400).map(Duration::ofSeconds);
        return Combinators.combine(
                        Combinators.combine(Arbitraries.of(Intent.class), Arbitraries.of(Urgency.class),
                                Arbitraries.integers(), Arbitraries.of(Channel.class)).as(Head::new),
                        Combinators.combine(name, phone, email).as(Contact::new),
                        extracted, Arbitraries.integers().between(-10, 10_000), quiet)
                .as((head, contact, data, length, quietFor) -> new ScoringInput(head.intent(), head.urgency(),
                        head.confidence(), "offline", head.channel(), contact.name(), contact.phone(), contact.email(), data,
                        length, quietFor));
    }

    @Provide
    Arbitrary<Signal> signals() {
        return Combinators.combine(Arbitraries.longs().between(0, 90L * 86_400), Arbitraries.of(Channel.class),
                        Arbitraries.of(Intent.class), Arbitraries.of(Urgency.class), Arbitraries.integers().between(0, 500))
                .as((secondsAgo, channel, intent, urgency, length) -> new Signal(NOW.minusSeconds(secondsAgo), channel,
                        intent, urgency, 80, "offline", length, null));
    }

    @Provide
    Arbitrary<List<Signal>> conversations() {
        return signals().list().ofMinSize(1).ofMaxSize(8);
    }

    private record Head(Intent intent, Urgency urgency, int confidence, Channel channel) {
    }

    private static void assertNotLower(ScoringModel model, ScoringInput weaker, ScoringInput stronger) {
        ScoringEngine engine = new ScoringEngine(model);
        assertThat(engine.score(stronger).score()).isGreaterThanOrEqualTo(engine.score(weaker).score());
    }

    private static ScoringInput with(ScoringInput input, Intent intent, Urgency urgency) {
        return new ScoringInput(intent, urgency, input.confidence(), input.provider(), input.channel(), input.name(),
                input.phone(), input.email(), input.extracted(), input.messageLength(), input.quietFor());
    }

    private static ScoringInput contact(ScoringInput input, String name, String phone, String email) {
        return new ScoringInput(input.intent(), input.urgency(), input.confidence(), input.provider(), input.channel(), name,
                phone, email, input.extracted(), input.messageLength(), input.quietFor());
    }

    private static ScoringInput copy(ScoringInput input, Channel channel, int length, Analysis.ExtractedData extracted,
                                     Duration quiet) {
        return new ScoringInput(input.intent(), input.urgency(), input.confidence(), input.provider(), channel, input.name(),
                input.phone(), input.email(), extracted, length, quiet);
    }
}
