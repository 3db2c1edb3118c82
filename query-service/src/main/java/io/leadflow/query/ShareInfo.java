package io.leadflow.query;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.leadflow.leadquery.SharedView;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A share link as its creator's list and its visitors' banner show it (never its token). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ShareInfo(long id, String createdBy, Instant createdAt, Instant expiresAt, Map<String, List<String>> filters,
                        boolean maskContacts, boolean allowExport) {

    public static ShareInfo of(SharedView view) {
        return new ShareInfo(view.id(), view.createdBy(), view.createdAt(), view.expiresAt(), view.filters(),
                view.maskContacts(), view.allowExport());
    }
}
