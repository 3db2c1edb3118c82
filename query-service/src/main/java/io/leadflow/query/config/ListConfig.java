package io.leadflow.query.config;

import io.leadflow.http.ProblemException;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Lists of leads ({@code GET /api/leads}). */
@ConfigMapping(prefix = "leadflow.leads")
public interface ListConfig {

    /** Leads per page when the request gives no {@code limit}. */
    @WithDefault("50")
    int defaultLimit();

    /** The most leads one page holds; a larger {@code limit} is clamped to it. */
    @WithDefault("1000")
    int maxLimit();

    /**
     * The page size a request's {@code limit} asks for: a whole number, clamped to 1..{@link #maxLimit()}; the default
     * when it gives none.
     *
     * @throws ProblemException a 400 naming {@code limit}
     */
    default int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return defaultLimit();
        }
        try {
            long asked = Long.parseLong(limit.strip());
            return (int) Math.max(1, Math.min(maxLimit(), asked));
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField("limit", "limit must be a whole number (1 to " + maxLimit() + ")");
        }
    }

    /**
     * A search ({@code q}) first looks for its page among this many leads at the top of the order (a common text
     * is found there at once); failing that, newest first, among the leads of the first lead's day and the
     * {@linkplain #searchDays days} before it (the day-keyed trigram index); failing that, it collects the ids of
     * every matching lead through the trigram index, up to this many, then pages through them in order; a search that
     * matches more is common enough for the sorted index walk to find a page quickly. The planner cannot tell these
     * apart from its estimates.
     */
    @WithDefault("2000")
    int searchCandidates();

    /**
     * How many days, newest first, a search sorted newest first reads one at a time through the day-keyed index
     * (about half a millisecond a day without a match) before it collects the older matches through the trigram
     * index (which reads every match, 30-40 ms for a text in 20,000 leads).
     */
    @WithDefault("7")
    int searchDays();

    /** The most messages, analyses, activity entries and possible duplicates a lead's detail holds (the newest ones). */
    @WithDefault("200")
    int detailItems();
}
