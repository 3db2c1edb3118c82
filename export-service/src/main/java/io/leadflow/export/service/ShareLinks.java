package io.leadflow.export.service;

import io.leadflow.http.ProblemException;
import io.leadflow.leadquery.SharedView;
import io.leadflow.leadquery.SharedViews;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;

/** Share links, as their visitors' downloads need them: open, and allowing downloads. */
@ApplicationScoped
public class ShareLinks {

    /** How long a link's lookup may take before the visitor is asked to come back. */
    static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(5);

    private final Pool pool;

    public ShareLinks(Pool pool) {
        this.pool = pool;
    }

    /**
     * The link of {@code token}, if its visitors may download its leads now.
     *
     * @throws ProblemException 404 for a token that is no link's, 410 for a link revoked or expired, 403 for a link
     *                          that does not allow downloads, 503 when the database does not answer
     */
    public Uni<SharedView> openForDownload(String token) {
        return SharedViews.open(pool, token, Instant.now())
                .ifNoItem().after(LOOKUP_TIMEOUT).fail()
                .onFailure(failure -> !(failure instanceof ProblemException)).transform(failure -> {
                    Log.warnf("A share link could not be looked up: %s", failure.toString());
                    return ProblemException.unavailable("The database cannot be reached just now; try again shortly.",
                            LeadExports.RETRY_AFTER_SECONDS);
                })
                .map(ShareLinks::allowingDownloads);
    }

    private static SharedView allowingDownloads(SharedView link) {
        if (!link.allowExport()) {
            throw new ProblemException(403, "share-export-not-allowed", "Downloads not allowed",
                    "This share link shows its leads but does not allow downloading them.", null);
        }
        return link;
    }
}
