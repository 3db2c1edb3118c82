package io.leadflow.scoring.model;

import io.leadflow.events.Analysis;
import io.leadflow.events.Channel;
import io.leadflow.events.Intent;
import io.leadflow.events.ScoreBreakdown;
import io.leadflow.events.Urgency;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model's promises, checked on generated inputs and models rather than a few examples: each property runs on
 * {@value #CASES} random cases from a fixed seed, and a failure names the case that broke it.
 */
class ScoringPropertiesTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final int CASES = 2_000;

    @Test
    void score_isAlways0To100_gradedByTheThresholds_andTheSumOfItsFactors() {
        forAll(1, random -> {
            ScoringEngine engine = new ScoringEngine(model(random));
            ScoreBreakdown breakdown = engine.score(input(random));

            assertThat(breakdown.score()).isBetween(0, 100);
            assertThat(breakdown.quality()).isEqualTo(engine.grade(breakdown.score()));
            assertThat(breakdown.factors().stream().mapToInt(ScoreBreakdown.Factor::points).sum()).isEqualTo(breakdown.score());
            assertThat(breakdown.factors()).extracting(ScoreBreakdown.Factor::name).containsExactlyElementsOf(ScoringEngine.FACTORS);
            breakdown.factors().stream().filter(f -> !f.name().equals("decay"))
                    .forEach(f -> assertThat(f.points()).isBetween(0, f.max()));
        });
    }

    @Test
    void strongerIntent_neverLowersTheScore() {
        forAll(2, random -> {
            ScoringModel model = model(random);
            ScoringInput input = input(random);
            Intent a = pick(random, Intent.values());
            Intent b = pick(random, Intent.values());
            Intent weaker = ScoringEngine.intentValue(a) <= ScoringEngine.intentValue(b) ? a : b;
            Intent stronger = weaker == a ? b : a;
            assertNotLower(model, with(input, weaker, input.urgency()), with(input, stronger, input.urgency()));
        });
    }

    @Test
    void moreUrgency_neverLowersTheScore() {
        forAll(3, random -> {
            ScoringModel model = model(random);
            ScoringInput input = input(random);
            Urgency a = pick(random, Urgency.values());
            Urgency b = pick(random, Urgency.values());
            Urgency less = ScoringEngine.urgencyValue(a) <= ScoringEngine.urgencyValue(b) ? a : b;
            Urgency more = less == a ? b : a;
            assertNotLower(model, with(input, input.intent(), less), with(input, input.intent(), more));
        });
    }

    @Test
    void aValidEmailPhoneOrNameAdded_neverLowersTheScore() {
        forAll(4, random -> {
            ScoringModel model = model(random);
            ScoringInput input = input(random);
            ScoringInput noEmail = contact(input, input.name(), input.phone(), null);
            ScoringInput noPhone = contact(input, input.name(), null, input.email());
            ScoringInput noName = contact(input, null, input.phone(), input.email());
            ScoringInput all = contact(input, "Sara", "+923001234567", "sara@example.com");

            assertNotLower(model, noEmail, contact(input, input.name(), input.phone(), "sara@example.com"));
            assertNotLower(model, noPhone, contact(input, input.name(), "+923001234567", input.email()));
            assertNotLower(model, noName, contact(input, "Sara", input.phone(), input.email()));
            assertNotLower(model, input, all);
        });
    }

    @Test
    void betterChannel_longerMessage_moreKnownData_orMoreRecentActivity_neverLowersTheScore() {
        forAll(5, random -> {
            ScoringModel model = model(random);
            ScoringInput input = input(random);
            Channel a = pick(random, Channel.values());
            Channel b = pick(random, Channel.values());
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
        });
    }

    @Test
    void aLaterMessageWithinTheWindow_neverLowersTheConversationsIntentOrUrgency() {
        forAll(6, random -> {
            List<Signal> conversation = new ArrayList<>();
            for (int i = 1 + random.nextInt(8); i > 0; i--) {
                conversation.add(signal(random));
            }
            Signal later = signal(random);
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
        });
    }

    /** Runs a property on {@link #CASES} cases, each from its own seed, so a failing case can be replayed alone. */
    private static void forAll(long property, Consumer<SplittableRandom> check) {
        for (int i = 0; i < CASES; i++) {
            long seed = property * 1_000_003L + i;
            try {
                check.accept(new SplittableRandom(seed));
            } catch (AssertionError e) {
                throw new AssertionError("property failed for the case of seed " + seed + ": " + e.getMessage(), e);
            }
        }
    }

    private static ScoringModel model(SplittableRandom random) {
        ScoringModel.Weights weights = new ScoringModel.Weights(random.nextInt(0, 29), random.nextInt(0, 13),
                random.nextInt(0, 13), random.nextInt(0, 13), random.nextInt(0, 13), random.nextInt(0, 13), random.nextInt(0, 13));
        int warm = random.nextInt(0, 100);
        int hot = random.nextInt(warm + 1, 101);
        ScoringModel.Decay decay = new ScoringModel.Decay(Duration.ofDays(random.nextInt(0, 31)), random.nextInt(0, 51),
                random.nextInt(0, 101));
        return new ScoringModel(weights, hot, warm, Duration.ofDays(30), decay);
    }

    private static ScoringInput input(SplittableRandom random) {
        Analysis.ExtractedData extracted = new Analysis.ExtractedData(maybe(random, "sofa"),
                random.nextBoolean() ? random.nextInt(1, 1001) : null, maybe(random, "Rs 500"), maybe(random, "Karachi"),
                null, List.of(), List.of());
        return new ScoringInput(pick(random, Intent.values()), pick(random, Urgency.values()), random.nextInt(),
                "offline", pick(random, Channel.values()), maybe(random, random.nextBoolean() ? "Ahmed" : "Sara"),
                maybe(random, "+923001234567"), maybe(random, "a@example.com"), extracted, random.nextInt(-10, 10_001),
                Duration.ofSeconds(random.nextLong(-3_600, 400L * 86_400 + 1)));
    }

    private static Signal signal(SplittableRandom random) {
        return new Signal(NOW.minusSeconds(random.nextLong(0, 90L * 86_400 + 1)), pick(random, Channel.values()),
                pick(random, Intent.values()), pick(random, Urgency.values()), 80, "offline", random.nextInt(0, 501), null);
    }

    /** The value, or null four times in ten. */
    private static String maybe(SplittableRandom random, String value) {
        return random.nextInt(10) < 4 ? null : value;
    }

    private static <T> T pick(SplittableRandom random, T[] values) {
        return values[random.nextInt(values.length)];
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
