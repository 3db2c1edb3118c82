package io.leadflow.leadquery;

import io.leadflow.events.Channel;
import io.leadflow.events.Intent;
import io.leadflow.events.LeadStatus;
import io.leadflow.events.LeadView;
import io.leadflow.events.Quality;
import io.leadflow.http.ProblemException;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which leads a view shows: the filters of {@code GET /api/leads}, and of the exports, which must match it row
 * for row. Every parameter may repeat or hold a comma-separated list ({@code quality=HOT,WARM}).
 *
 * @param qualities grades to keep (empty: all)
 * @param channels  channels to keep (empty: all)
 * @param intents   intents to keep (empty: all)
 * @param statuses  statuses to keep (empty: all)
 * @param from      received at or after (inclusive), or null
 * @param to        received before (exclusive), or null
 * @param minScore  lowest score kept, or null
 * @param maxScore  highest score kept, or null
 * @param text      free text searched in name, phone, email and message (at least 3 characters), or null
 * @param sort      the order
 */
public record LeadFilter(Set<Quality> qualities, Set<Channel> channels, Set<Intent> intents, Set<LeadStatus> statuses,
                         Instant from, Instant to, Integer minScore, Integer maxScore, String text, LeadSort sort) {

    /** The shortest free-text search accepted. */
    public static final int MIN_SEARCH_LENGTH = 3;

    /** No filter: every lead, newest first. */
    public static final LeadFilter ALL = new LeadFilter(Set.of(), Set.of(), Set.of(), Set.of(), null, null, null, null,
            null, LeadSort.NEWEST);

    public LeadFilter {
        qualities = Set.copyOf(qualities);
        channels = Set.copyOf(channels);
        intents = Set.copyOf(intents);
        statuses = Set.copyOf(statuses);
        sort = sort == null ? LeadSort.NEWEST : sort;
    }

    /** This filter with another free text (null: none). */
    public LeadFilter withText(String newText) {
        return new LeadFilter(qualities, channels, intents, statuses, from, to, minScore, maxScore, newText, sort);
    }

    /**
     * Whether a lead is among this filter's, as {@link LeadSql#where} selects them: for leads that arrive as events
     * rather than rows (the live stream of a share link).
     */
    public boolean matches(LeadView lead) {
        return (qualities.isEmpty() || qualities.contains(lead.quality()))
                && (channels.isEmpty() || channels.contains(lead.channel()))
                && (intents.isEmpty() || intents.contains(lead.intent()))
                && (statuses.isEmpty() || statuses.contains(lead.status()))
                && (from == null || !lead.createdAt().isBefore(from))
                && (to == null || lead.createdAt().isBefore(to))
                && (minScore == null || lead.score() >= minScore)
                && (maxScore == null || lead.score() <= maxScore)
                && (text == null || searchText(lead).contains(text.toLowerCase(Locale.ROOT)));
    }

    /** {@link LeadSql#SEARCH_TEXT} of a lead, lower case. */
    private static String searchText(LeadView lead) {
        return (Objects.toString(lead.userName(), "") + " " + Objects.toString(lead.userPhone(), "") + " "
                + Objects.toString(lead.userEmail(), "") + " " + Objects.toString(lead.message(), "")).toLowerCase(Locale.ROOT);
    }

    /** This filter in another order. */
    public LeadFilter sortedBy(LeadSort newSort) {
        return new LeadFilter(qualities, channels, intents, statuses, from, to, minScore, maxScore, text, newSort);
    }

    /** This filter narrowed to the leads received before {@code moment}. */
    public LeadFilter before(Instant moment) {
        Instant end = to == null || moment.isBefore(to) ? moment : to;
        return new LeadFilter(qualities, channels, intents, statuses, from, end, minScore, maxScore, text, sort);
    }

    /**
     * Reads the filter from query parameters. {@code from} and {@code to} are ISO dates (days cut in
     * {@code zone}; {@code to} includes its whole day) or ISO instants with an offset.
     *
     * @throws ProblemException a 400 naming the parameter that is wrong
     */
    public static LeadFilter parse(Map<String, List<String>> parameters, ZoneId zone) {
        Instant from = instant(parameters, "from", zone, false);
        Instant to = instant(parameters, "to", zone, true);
        if (from != null && to != null && !from.isBefore(to)) {
            throw ProblemException.invalidField("to", "to must be after from");
        }
        Integer minScore = score(parameters, "min_score");
        Integer maxScore = score(parameters, "max_score");
        if (minScore != null && maxScore != null && minScore > maxScore) {
            throw ProblemException.invalidField("max_score", "max_score must not be below min_score");
        }
        String text = single(parameters, "q").map(String::strip).filter(q -> !q.isEmpty()).orElse(null);
        if (text != null && text.length() > 200) {
            throw ProblemException.invalidField("q", "q must be at most 200 characters");
        }
        // The trigram index over the searched text needs three characters: a shorter search would read every lead.
        if (text != null && text.codePointCount(0, text.length()) < MIN_SEARCH_LENGTH) {
            throw ProblemException.invalidField("q", "q must be at least " + MIN_SEARCH_LENGTH + " characters");
        }
        LeadSort sort = single(parameters, "sort").map(value -> LeadSort.fromParameter(value).orElseThrow(() ->
                ProblemException.invalidField("sort", "sort must be one of " + LeadSort.parameters()))).orElse(LeadSort.NEWEST);
        return new LeadFilter(
                values(parameters, "quality", Quality.class, Quality::fromLabel, Quality::name),
                values(parameters, "channel", Channel.class, Channel::fromLabel, Channel::label),
                values(parameters, "intent", Intent.class, Intent::fromLabel, Intent::label),
                values(parameters, "status", LeadStatus.class, LeadStatus::fromLabel, LeadStatus::label),
                from, to, minScore, maxScore, text, sort);
    }

    /**
     * The zone named by a {@code tz} parameter (an IANA name such as {@code Asia/Karachi}), or {@code fallback}
     * when there is none. The API and the exports read it the same way, so their days are the same days.
     *
     * @throws ProblemException a 400 naming {@code tz}
     */
    public static ZoneId zone(String tz, ZoneId fallback) {
        if (tz == null || tz.isBlank()) {
            return fallback;
        }
        try {
            ZoneId zone = ZoneId.of(tz.strip());
            if (zone instanceof ZoneOffset && !zone.equals(ZoneOffset.UTC)) {
                throw new DateTimeException("an offset, not a zone");
            }
            return zone;
        } catch (DateTimeException e) {
            throw ProblemException.invalidField("tz", "tz must be an IANA time zone such as Asia/Karachi or UTC");
        }
    }

    /** A short description for file names: {@code hot}, {@code hot-warm}, or {@code all}. */
    public String slug() {
        if (qualities.isEmpty() || qualities.size() == Quality.values().length) {
            return "all";
        }
        return Arrays.stream(Quality.values()).filter(qualities::contains)
                .map(q -> q.name().toLowerCase()).collect(Collectors.joining("-"));
    }

    private static <E extends Enum<E>> Set<E> values(Map<String, List<String>> parameters, String name, Class<E> type,
                                                     Function<String, Optional<E>> parser, Function<E, String> label) {
        Set<E> values = EnumSet.noneOf(type);
        for (String raw : parameters.getOrDefault(name, List.of())) {
            for (String value : raw.split(",")) {
                if (value.isBlank()) {
                    continue;
                }
                values.add(parser.apply(value).orElseThrow(() -> ProblemException.invalidField(name,
                        "unknown " + name + " '" + value.strip() + "', expected one of "
                                + Arrays.stream(type.getEnumConstants()).map(label).collect(Collectors.joining(", ")))));
            }
        }
        return values;
    }

    private static Optional<String> single(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw ProblemException.invalidField(name, name + " may be given once");
        }
        return values.stream().filter(v -> !v.isBlank()).findFirst();
    }

    private static Integer score(Map<String, List<String>> parameters, String name) {
        return single(parameters, name).map(value -> {
            try {
                int score = Integer.parseInt(value.strip());
                if (score < 0 || score > 100) {
                    throw ProblemException.invalidField(name, name + " must be between 0 and 100");
                }
                return score;
            } catch (NumberFormatException e) {
                throw ProblemException.invalidField(name, name + " must be a whole number between 0 and 100");
            }
        }).orElse(null);
    }

    private static Instant instant(Map<String, List<String>> parameters, String name, ZoneId zone, boolean endOfDay) {
        return single(parameters, name).map(value -> {
            String v = value.strip();
            try {
                if (v.length() == 10) {
                    LocalDate day = LocalDate.parse(v);
                    return (endOfDay ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
                }
                return OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeException e) {
                throw ProblemException.invalidField(name,
                        name + " must be a date (2026-11-26) or an instant with an offset (2026-11-26T10:00:00Z)");
            }
        }).orElse(null);
    }
}
