package io.leadflow.query.service;

import io.leadflow.http.ProblemException;
import io.leadflow.leadquery.LeadFilter;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Whole days in a time zone, {@code from} to {@code to} inclusive: the range of the per-day series.
 *
 * @param from the first day
 * @param to   the last day
 * @param zone the zone the days are cut in
 */
public record DayRange(LocalDate from, LocalDate to, ZoneId zone) {

    /** The moment the first day starts. */
    public Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The moment after the last day ends. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    /**
     * Reads {@code tz}, {@code from} and {@code to} (ISO dates). Without {@code to}, the range ends today in the
     * zone; without {@code from}, it holds {@code defaultDays} days.
     *
     * @throws ProblemException a 400 naming the parameter at fault
     */
    public static DayRange parse(String tz, String from, String to, ZoneId defaultZone, Instant now, int defaultDays,
                                 int maxDays) {
        ZoneId zone = LeadFilter.zone(tz, defaultZone);
        LocalDate last = blank(to) ? LocalDate.ofInstant(now, zone) : date("to", to);
        LocalDate first = blank(from) ? last.minusDays(defaultDays - 1L) : date("from", from);
        if (first.isAfter(last)) {
            throw ProblemException.invalidField("to", "to must not be before from");
        }
        DayRange range = new DayRange(first, last, zone);
        if (range.days() > maxDays) {
            throw ProblemException.invalidField("from", "the range may hold at most " + maxDays + " days");
        }
        return range;
    }

    private static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(name, name + " must be a date such as 2026-11-26");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
