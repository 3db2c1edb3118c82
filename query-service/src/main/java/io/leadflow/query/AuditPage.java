package io.leadflow.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** A page of the audit log, newest first; {@code next_before} (null on the last page) asks for the next one. */
public record AuditPage(List<AuditEntry> entries,
                        @JsonProperty("next_before") @JsonInclude(JsonInclude.Include.ALWAYS) Long nextBefore) {
}
