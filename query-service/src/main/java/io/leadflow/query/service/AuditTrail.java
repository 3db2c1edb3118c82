package io.leadflow.query.service;

import io.leadflow.query.AuditPage;
import io.leadflow.query.repository.AuditQueries;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The audit log as admins page through it: newest first, keyset-paged on the entries' ids. */
@ApplicationScoped
public class AuditTrail {

    private final AuditQueries audit;

    public AuditTrail(AuditQueries audit) {
        this.audit = audit;
    }

    /** Up to {@code size} entries older than {@code before} (the newest when null); a full page says where to go on. */
    public Uni<AuditPage> page(Long before, int size) {
        return audit.page(before, size)
                .map(entries -> new AuditPage(entries, entries.size() < size ? null : entries.get(size - 1).id()));
    }
}
