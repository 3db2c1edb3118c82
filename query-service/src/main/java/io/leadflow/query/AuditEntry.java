package io.leadflow.query;

import com.fasterxml.jackson.annotation.JsonRawValue;

import java.time.Instant;

/** One row of the audit log: who did what to which, from where; details as the JSON they were written as. */
public record AuditEntry(long id, Instant at, String actor, String action, String target, String address,
                         @JsonRawValue String details) {
}
