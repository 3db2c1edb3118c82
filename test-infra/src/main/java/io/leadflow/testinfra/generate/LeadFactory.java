package io.leadflow.testinfra.generate;

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
 * is with it. Distributions are rough shapes of a real inbox, not measurements.
 */
final class LeadFactory {

    private static final String[] CHANNELS = {"whatsapp", "instagram", "website", "email", "sms"};
    private static final int[] CHANNEL_WEIGHTS = {45, 15, 20, 12, 8};
    private static final String[] INTENTS = {"Buy", "Pricing", "Question", "Support", "Complaint", "Spam", "Other"};
    private static final int[] INTENT_WEIGHTS = {22, 25, 20, 12, 6, 5, 10};
    private static final String[] URGENCIES = {"High", "Medium", "Low"};
    private static final Map<String, int[]> URGENCY_WEIGHTS = Map.of(
            "Buy", new int[] {55, 35, 10}, "Pricing", new int[] {15, 55, 30}, "Question", new int[] {5, 35, 60},
            "Support", new int[] {30, 50, 20}, "Complaint", new int[] {60, 30, 10}, "Spam", new int[] {0, 0, 100},
            "Other", new int[] {0, 20, 80});
    private static final Map<String, Integer> INTENT_POINTS = Map.of(
            "Buy", 30, "Pricing", 22, "Question", 14, "Support", 8, "Complaint", 6, "Spam", 0, "Other", 4);
    private static final Map<String, Integer> URGENCY_POINTS = Map.of("High", 20, "Medium", 12, "Low", 4);
    private static final Map<String, Integer> CHANNEL_POINTS = Map.of(
            "whatsapp", 10, "website", 8, "instagram", 7, "sms", 7, "email", 6);
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
        String channel = CHANNELS[pick(CHANNEL_WEIGHTS)];
        String first = any(region.firstNames);
        String last = any(region.lastNames);
        boolean nativeScript = !region.nativeNames.isEmpty() && random.nextInt(10) == 0;
        String name = nativeScript ? any(region.nativeNames) : first + " " + last;
        if (("sms".equals(channel) && random.nextInt(10) < 4) || random.nextInt(40) == 0) {
            name = null;
        }
        String phone = hasPhone(channel) ? phone(region, id) : null;
        String email = hasEmail(channel) ? email(first, last, id, any(region.emailDomains)) : null;
        String platformId = "instagram".equals(channel) ? String.valueOf(17_841_400_000_000L + id * 13) : null;
        String leadKey = phone != null ? phone : email != null ? email : "instagram:" + platformId;

        String intent = INTENTS[pick(INTENT_WEIGHTS)];
        String urgency = URGENCIES[pick(URGENCY_WEIGHTS.get(intent))];
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
        for (int n = 0; n < messageCount; n++) {
            String messageIntent = n == 0 ? intent : random.nextInt(3) == 0 ? intent : random.nextBoolean() ? "Question" : "Other";
            String messageUrgency = messageIntent.equals(intent) ? urgency : "Low";
            Instant at = n == 0 ? createdAt : n == messageCount - 1 ? lastMessageAt
                    : createdAt.plusMillis((long) ((lastMessageAt.toEpochMilli() - createdAt.toEpochMilli()) * (n / (double) messageCount)));
            String text = fill(any(Phrases.BY_LANGUAGE.get(language).get(messageIntent)), quantity, product, city, budget);
            messages.add(message(id, n, channel, text, at, messageIntent, messageUrgency, language, provider, confidence,
                    product, quantity, city, budget));
        }

        int intentPoints = Math.round(INTENT_POINTS.get(intent) * confidence / 100f);
        int urgencyPoints = URGENCY_POINTS.get(urgency);
        int contactPoints = (phone != null ? 10 : 0) + (email != null ? 5 : 0);
        int channelPoints = CHANNEL_POINTS.get(channel);
        String text = messages.get(messages.size() - 1).text();
        boolean mentionsQuantity = text.contains(String.valueOf(quantity));
        int dataPoints = (name != null ? 2 : 0) + (text.contains(product) ? 2 : 0) + (mentionsQuantity ? 2 : 0)
                + (text.contains(budget) ? 2 : 0) + (text.contains(city) ? 2 : 0);
        int lengthPoints = text.length() >= 80 ? 5 : text.length() >= 30 ? 3 : 1;
        int bonusPoints = phone != null && email != null && name != null ? 10 : phone != null && name != null ? 5 : 0;
        int score = Math.min(100, intentPoints + urgencyPoints + contactPoints + channelPoints + dataPoints + lengthPoints + bonusPoints);
        String quality = score >= 60 ? "HOT" : score >= 40 ? "WARM" : "COLD";
        String breakdown = "{\"score\":" + score + ",\"quality\":\"" + quality + "\",\"factors\":["
                + factor("intent", intentPoints, 30, intent + " intent from " + provider + ", confidence " + confidence) + ","
                + factor("urgency", urgencyPoints, 20, urgency + " urgency") + ","
                + factor("contact_quality", contactPoints, 15, contactEvidence(phone, email)) + ","
                + factor("channel", channelPoints, 10, channel) + ","
                + factor("data_quality", dataPoints, 10, dataPoints + " of 10 points of details") + ","
                + factor("message_length", lengthPoints, 5, text.length() + " characters") + ","
                + factor("bonus", bonusPoints, 10, bonusPoints == 10 ? "complete contact" : bonusPoints > 0 ? "phone and name" : "incomplete contact")
                + "]}";

        long ageDays = ChronoUnit.DAYS.between(createdAt, end);
        String status = status(ageDays, quality);
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
        return new GeneratedLead(id, name, email, phone, channel, intent, urgency, score, quality, status, exported,
                createdAt, lastMessageAt, updatedAt, breakdown, leadKey, messages, identities);
    }

    private GeneratedLead.Message message(long leadId, int n, String channel, String text, Instant at, String intent,
                                          String urgency, String language, String provider, int confidence,
                                          String product, int quantity, String city, String budget) {
        String metadata = switch (channel) {
            case "email" -> "{\"subject\":" + json(n == 0 ? "Enquiry: " + product : "Re: Enquiry: " + product) + "}";
            case "website" -> "{\"page\":\"/products\",\"utm_source\":\"" + (random.nextBoolean() ? "google" : "facebook") + "\"}";
            default -> "{}";
        };
        boolean mentionsProduct = text.contains(product);
        String extracted = "{\"product\":" + (mentionsProduct ? json(product) : "null")
                + ",\"quantity\":" + (text.contains(String.valueOf(quantity)) ? quantity : "null")
                + ",\"budget\":" + (text.contains(budget) ? json(budget) : "null")
                + ",\"location\":" + (text.contains(city) ? json(city) : "null")
                + ",\"preferredContactTime\":null,\"phones\":[],\"emails\":[]}";
        String sentiment = switch (intent) {
            case "Complaint" -> "negative";
            case "Buy", "Other" -> random.nextBoolean() ? "positive" : "neutral";
            default -> "neutral";
        };
        int latency = "offline".equals(provider) ? 1 + random.nextInt(5) : 400 + random.nextInt(2500);
        String attempts;
        if ("offline".equals(provider) && random.nextInt(3) == 0) {
            attempts = "[{\"provider\":\"mistral\",\"outcome\":\"timeout\",\"latencyMs\":8000,\"detail\":\"no answer within 8s\"},"
                    + "{\"provider\":\"offline\",\"outcome\":\"ok\",\"latencyMs\":" + latency + ",\"detail\":null}]";
            latency += 8000;
        } else {
            attempts = "[{\"provider\":\"" + provider + "\",\"outcome\":\"ok\",\"latencyMs\":" + latency + ",\"detail\":null}]";
        }
        boolean llm = !"offline".equals(provider);
        return new GeneratedLead.Message(channel, "gen-" + leadId + "-" + n, text, at, metadata, intent, urgency,
                "sales", sentiment, confidence, language, extracted, provider, attempts, latency,
                llm ? 120 + random.nextInt(200) : 0, llm ? 40 + random.nextInt(60) : 0);
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

    private boolean hasPhone(String channel) {
        return switch (channel) {
            case "whatsapp", "sms" -> true;
            case "website" -> random.nextInt(10) < 7;
            case "email" -> random.nextInt(5) == 0;
            default -> random.nextInt(10) < 3;
        };
    }

    private boolean hasEmail(String channel) {
        return switch (channel) {
            case "email" -> true;
            case "website" -> random.nextInt(10) < 9;
            case "instagram" -> false;
            default -> random.nextInt(10) == 0;
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

    private static String contactEvidence(String phone, String email) {
        if (phone != null && email != null) {
            return "valid phone and email";
        }
        return phone != null ? "valid phone" : email != null ? "valid email" : "no phone or email";
    }

    private static String factor(String name, int points, int max, String evidence) {
        return "{\"name\":\"" + name + "\",\"points\":" + points + ",\"max\":" + max + ",\"evidence\":" + json(evidence) + "}";
    }

    private static String fill(String template, int quantity, String product, String city, String budget) {
        return template.replace("{qty}", String.valueOf(quantity)).replace("{product}", product)
                .replace("{city}", city).replace("{budget}", budget);
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
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
