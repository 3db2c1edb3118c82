package io.leadflow.testinfra.generate;

import io.leadflow.events.Analysis.ExtractedData;
import io.leadflow.events.Analysis.ProviderAttempt;
import io.leadflow.events.Channel;
import io.leadflow.events.EventJson;
import io.leadflow.events.Intent;
import io.leadflow.events.ScoreBreakdown;
import io.leadflow.events.Urgency;
import io.leadflow.scoring.model.Contact;
import io.leadflow.scoring.model.ScoringEngine;
import io.leadflow.scoring.model.ScoringEngine.ConversationScore;
import io.leadflow.scoring.model.ScoringModel;
import io.leadflow.scoring.model.Signal;

import java.text.Normalizer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Makes one plausible lead at a time: who wrote (region, name, contact details), on which channel, what they
 * want and how urgently, in which language, how the conversation went, how it scored and where the sales team
 * is with it. Distributions are rough shapes of a real inbox, not measurements. The score is scoring-service's:
 * its engine on the default model scores the conversation as the factory writes it, as of the end of the timeline.
 */
final class LeadFactory {

    private static final ScoringEngine ENGINE = new ScoringEngine(ScoringModel.DEFAULTS);

    private static final Channel[] CHANNELS = {Channel.WHATSAPP, Channel.INSTAGRAM, Channel.WEBSITE, Channel.EMAIL, Channel.SMS};
    private static final int[] CHANNEL_WEIGHTS = {45, 15, 20, 12, 8};
    private static final Intent[] INTENTS = {Intent.BUY, Intent.PRICING, Intent.QUESTION, Intent.SUPPORT, Intent.COMPLAINT,
            Intent.SPAM, Intent.OTHER};
    private static final int[] INTENT_WEIGHTS = {22, 25, 20, 12, 6, 5, 10};
    private static final Urgency[] URGENCIES = {Urgency.HIGH, Urgency.MEDIUM, Urgency.LOW};
    private static final Map<Intent, int[]> URGENCY_WEIGHTS = Map.of(
            Intent.BUY, new int[] {55, 35, 10}, Intent.PRICING, new int[] {15, 55, 30}, Intent.QUESTION, new int[] {5, 35, 60},
            Intent.SUPPORT, new int[] {30, 50, 20}, Intent.COMPLAINT, new int[] {60, 30, 10}, Intent.SPAM, new int[] {0, 0, 100},
            Intent.OTHER, new int[] {0, 20, 80});
    private static final String[] PROVIDERS = {"offline", "mistral", "gemini", "ollama"};
    private static final int[] PROVIDER_WEIGHTS = {50, 30, 15, 5};
    /** Local hours customers write in (Asia/Karachi-like, UTC+5): quiet at night, busy in the evening. */
    private static final int[] HOUR_WEIGHTS = {2, 1, 1, 1, 1, 2, 3, 5, 7, 9, 10, 10, 9, 9, 9, 10, 10, 11, 12, 12, 11, 9, 6, 4};
    private static final int LOCAL_OFFSET_HOURS = 5;

    private final SplittableRandom random;
    private final Instant end;
    private final int days;
    private final Region[] regions = Region.values();
    private final int[] regionWeights;

    LeadFactory(SplittableRandom random, Instant end, int days) {
        this.random = random;
        this.end = end;
        this.days = days;
        this.regionWeights = new int[regions.length];
        for (int i = 0; i < regions.length; i++) {
            regionWeights[i] = regions[i].weight;
        }
    }

    /**
     * The arrival times of {@code count} leads, oldest first, from one slice of the timeline: the slice
     * {@code [from, to)} of the leads' cumulative distribution (0 the oldest, 1 the newest). Chunks that take
     * consecutive slices write the leads in the order they arrived, as a live system stores them.
     */
    Instant[] arrivals(int count, double from, double to) {
        Instant[] times = new Instant[count];
        for (int i = 0; i < count; i++) {
            times[i] = createdAt(from + (to - from) * random.nextDouble());
        }
        Arrays.sort(times);
        return times;
    }

    /** The ids in a random order (Fisher-Yates), in place. */
    long[] shuffled(long[] ids) {
        for (int i = ids.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long swap = ids[i];
            ids[i] = ids[j];
            ids[j] = swap;
        }
        return ids;
    }

    GeneratedLead next(long id, Instant createdAt) {
        Region region = regions[pick(regionWeights)];
        Channel channel = CHANNELS[pick(CHANNEL_WEIGHTS)];
        String first = any(region.firstNames);
        String last = any(region.lastNames);
        boolean nativeScript = !region.nativeNames.isEmpty() && random.nextInt(10) == 0;
        String name = nativeScript ? any(region.nativeNames) : first + " " + last;
        if ((channel == Channel.SMS && random.nextInt(10) < 4) || random.nextInt(40) == 0) {
            name = null;
        }
        String phone = hasPhone(channel) ? phone(region, id) : null;
        String email = hasEmail(channel) ? email(first, last, id, any(region.emailDomains)) : null;
        String platformId = channel == Channel.INSTAGRAM ? String.valueOf(17_841_400_000_000L + id * 13) : null;
        String leadKey = phone != null ? phone : email != null ? email : "instagram:" + platformId;

        Intent intent = INTENTS[pick(INTENT_WEIGHTS)];
        Urgency urgency = URGENCIES[pick(URGENCY_WEIGHTS.get(intent))];
        String language = language(region);
        String product = any(Phrases.PRODUCTS);
        int quantity = 1 + random.nextInt(random.nextInt(4) == 0 ? 50 : 5);
        String city = any(region.cities);
        String budget = any(region.budgets);

        int messageCount = messageCount();
        Instant lastMessageAt = messageCount == 1 ? createdAt
                : min(end, createdAt.plusSeconds(60 + random.nextLong(3 * 24 * 3600)));
        String provider = PROVIDERS[pick(PROVIDER_WEIGHTS)];
        int confidence = "offline".equals(provider) ? 55 + random.nextInt(36) : 80 + random.nextInt(19);

        List<GeneratedLead.Message> messages = new ArrayList<>(messageCount);
        List<Signal> conversation = new ArrayList<>(messageCount);
        for (int n = 0; n < messageCount; n++) {
            Intent messageIntent = n == 0 ? intent : random.nextInt(3) == 0 ? intent : random.nextBoolean() ? Intent.QUESTION : Intent.OTHER;
            Urgency messageUrgency = messageIntent == intent ? urgency : Urgency.LOW;
            Instant at = n == 0 ? createdAt : n == messageCount - 1 ? lastMessageAt
                    : createdAt.plusMillis((long) ((lastMessageAt.toEpochMilli() - createdAt.toEpochMilli()) * (n / (double) messageCount)));
            String text = fill(any(Phrases.BY_LANGUAGE.get(language).get(messageIntent.label())), quantity, product, city, budget);
            ExtractedData extracted = new ExtractedData(text.contains(product) ? product : null,
                    text.contains(String.valueOf(quantity)) ? quantity : null, text.contains(budget) ? budget : null,
                    text.contains(city) ? city : null, null, List.of(), List.of());
            messages.add(message(id, n, channel, text, at, messageIntent, messageUrgency, language, provider, confidence,
                    product, extracted));
            conversation.add(Signal.of(at, channel, messageIntent, messageUrgency, confidence, provider, text, extracted));
        }

        ConversationScore score = ENGINE.score(new Contact(name, phone, email), conversation, end);
        ScoreBreakdown breakdown = score.breakdown();

        long ageDays = ChronoUnit.DAYS.between(createdAt, end);
        String status = status(ageDays, breakdown.quality().name());
        boolean exported = ageDays > 7 && random.nextInt(5) == 0;
        Instant updatedAt = "new".equals(status) ? lastMessageAt : min(end, lastMessageAt.plusSeconds(300 + random.nextInt(86_400)));

        List<String[]> identities = new ArrayList<>(2);
        if (phone != null) {
            identities.add(new String[] {"phone", phone});
        }
        if (email != null) {
            identities.add(new String[] {"email", email});
        }
        if (platformId != null) {
            identities.add(new String[] {"platform", "instagram:" + platformId});
        }
        return new GeneratedLead(id, name, email, phone, channel.label(), score.input().intent().label(),
                score.input().urgency().label(), breakdown.score(), breakdown.quality().name(), status, exported,
                createdAt, lastMessageAt, updatedAt, end, EventJson.write(breakdown), leadKey, messages, identities);
    }

    private GeneratedLead.Message message(long leadId, int n, Channel channel, String text, Instant at, Intent intent,
                                          Urgency urgency, String language, String provider, int confidence,
                                          String product, ExtractedData extracted) {
        Map<String, Object> metadata = switch (channel) {
            case EMAIL -> Map.of("subject", n == 0 ? "Enquiry: " + product : "Re: Enquiry: " + product);
            case WEBSITE -> Map.of("page", "/products", "utm_source", random.nextBoolean() ? "google" : "facebook");
            default -> Map.of();
        };
        String sentiment = switch (intent) {
            case COMPLAINT -> "negative";
            case BUY, OTHER -> random.nextBoolean() ? "positive" : "neutral";
            default -> "neutral";
        };
        int latency = "offline".equals(provider) ? 1 + random.nextInt(5) : 400 + random.nextInt(2500);
        List<ProviderAttempt> attempts;
        if ("offline".equals(provider) && random.nextInt(3) == 0) {
            attempts = List.of(new ProviderAttempt("mistral", "timeout", 8000, "no answer within 8s"),
                    new ProviderAttempt("offline", "ok", latency, null));
            latency += 8000;
        } else {
            attempts = List.of(new ProviderAttempt(provider, "ok", latency, null));
        }
        boolean llm = !"offline".equals(provider);
        return new GeneratedLead.Message(channel.label(), "gen-" + leadId + "-" + n, text, at, EventJson.write(metadata),
                intent.label(), urgency.label(), "sales", sentiment, confidence, language, EventJson.write(extracted),
                provider, EventJson.write(attempts), latency, llm ? 120 + random.nextInt(200) : 0,
                llm ? 40 + random.nextInt(60) : 0);
    }

    /** The arrival time at {@code quantile} of the timeline: more leads recently, the business grows. */
    private Instant createdAt(double quantile) {
        int dayBack = (int) Math.floor(days * (1 - Math.sqrt(quantile)));
        int localHour = pick(HOUR_WEIGHTS);
        Instant day = end.truncatedTo(ChronoUnit.DAYS).minus(dayBack, ChronoUnit.DAYS);
        Instant at = day.plusSeconds((localHour - LOCAL_OFFSET_HOURS) * 3600L + random.nextInt(3600))
                .plusNanos(random.nextInt(1_000_000) * 1000L);
        while (at.isAfter(end)) {
            at = at.minus(1, ChronoUnit.DAYS);
        }
        return at;
    }

    private int messageCount() {
        int roll = random.nextInt(100);
        return roll < 60 ? 1 : roll < 80 ? 2 : roll < 90 ? 3 : 4 + random.nextInt(5);
    }

    private String status(long ageDays, String quality) {
        int roll = random.nextInt(100);
        if (ageDays < 1) {
            return roll < 90 ? "new" : "contacted";
        }
        if (ageDays < 7) {
            return roll < 60 ? "new" : roll < 85 ? "contacted" : roll < 95 ? "qualified" : "lost";
        }
        int won = "HOT".equals(quality) ? 25 : "WARM".equals(quality) ? 12 : 3;
        return roll < 35 ? "new" : roll < 55 ? "contacted" : roll < 70 ? "qualified" : roll < 70 + won ? "won" : "lost";
    }

    private String language(Region region) {
        int total = region.languages.values().stream().mapToInt(Integer::intValue).sum();
        int roll = random.nextInt(total);
        for (Map.Entry<String, Integer> entry : region.languages.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
            roll -= entry.getValue();
            if (roll < 0) {
                return entry.getKey();
            }
        }
        return "en";
    }

    private boolean hasPhone(Channel channel) {
        return switch (channel) {
            case WHATSAPP, SMS -> true;
            case WEBSITE -> random.nextInt(10) < 7;
            case EMAIL -> random.nextInt(5) == 0;
            case INSTAGRAM -> random.nextInt(10) < 3;
        };
    }

    private boolean hasEmail(Channel channel) {
        return switch (channel) {
            case EMAIL -> true;
            case WEBSITE -> random.nextInt(10) < 9;
            case INSTAGRAM -> false;
            case WHATSAPP, SMS -> random.nextInt(10) == 0;
        };
    }

    /** A number unique to the lead id (a bijection of the id over the region's digits) so identities never collide. */
    private static String phone(Region region, long id) {
        long modulus = region.phoneDigits == 9 ? 1_000_000_000L : 100_000_000L;
        long digits = Math.floorMod(id * 7_919L + 123_456_789L, modulus);
        return region.phonePrefix + String.format("%0" + region.phoneDigits + "d", digits);
    }

    private static String email(String first, String last, long id, String domain) {
        String local = ascii(first) + "." + ascii(last) + id;
        return local + "@" + domain;
    }

    private static String ascii(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("[^A-Za-z]", "").toLowerCase(java.util.Locale.ROOT);
    }

    private static String fill(String template, int quantity, String product, String city, String budget) {
        return template.replace("{qty}", String.valueOf(quantity)).replace("{product}", product)
                .replace("{city}", city).replace("{budget}", budget);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private <T> T any(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private int pick(int[] weights) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int roll = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            roll -= weights[i];
            if (roll < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
