package io.leadflow.query;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's numbers ({@code GET /api/stats}): totals over every lead, and leads per day by grade for a
 * range of days cut in a time zone.
 *
 * @param total     every lead
 * @param byQuality leads per grade (HOT, WARM, COLD), every grade present
 * @param byChannel leads per channel, every channel present
 * @param byIntent  leads per intent, every intent present
 * @param byStatus  leads per status, every status present
 * @param timezone  the zone the days are cut in
 * @param from      the first day of the series
 * @param to        the last day of the series (inclusive)
 * @param days      one entry per day from {@code from} to {@code to}, days without leads included
 * @param asOf      when these numbers were read
 */
public record Stats(
        long total,
        @JsonProperty("by_quality") Map<String, Long> byQuality,
        @JsonProperty("by_channel") Map<String, Long> byChannel,
        @JsonProperty("by_intent") Map<String, Long> byIntent,
        @JsonProperty("by_status") Map<String, Long> byStatus,
        String timezone,
        LocalDate from,
        LocalDate to,
        List<Day> days,
        @JsonProperty("as_of") Instant asOf) {

    /** Leads first received on one day, by grade. */
    public record Day(LocalDate date, long hot, long warm, long cold, long total) {
    }
}
