package io.leadflow.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.leadflow.events.LeadView;

import java.util.List;

/**
 * One page of {@code GET /api/leads}.
 *
 * @param leads      the leads, in the requested order
 * @param nextCursor where the next page starts ({@code cursor=…}), or null on the last page
 */
public record LeadPage(List<LeadView> leads,
                       @JsonProperty("next_cursor") @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {
}
