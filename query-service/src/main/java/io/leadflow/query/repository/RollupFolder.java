package io.leadflow.query.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Folds the pending deltas into the rollups (migration V20) in one transaction. An advisory lock lets one
 * replica fold at a time; the others skip their turn.
 */
@ApplicationScoped
public class RollupFolder {

    /** The advisory lock key of the fold ("LF" "roll"). */
    private static final long LOCK = 0x4C46_726F_6C6CL;

    private final Pool pool;

    public RollupFolder(Pool pool) {
        this.pool = pool;
    }

    /** Folds what is pending; answers how many delta rows were folded (0 when another replica holds the lock). */
    public Uni<Long> fold() {
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT pg_try_advisory_xact_lock($1) AS locked")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(LOCK))
                .chain(rows -> !rows.iterator().next().getBoolean("locked") ? Uni.createFrom().item(0L)
                        : tx.query("WITH folded AS (DELETE FROM lead_rollup_delta RETURNING *), "
                                + "totals AS (INSERT INTO lead_rollup_totals AS t (quality, channel, intent, status, leads) "
                                + "SELECT quality, channel, intent, status, sum(leads) FROM folded GROUP BY 1, 2, 3, 4 "
                                + "ON CONFLICT (quality, channel, intent, status) DO UPDATE SET leads = t.leads + excluded.leads), "
                                + "buckets AS (INSERT INTO lead_rollup_buckets AS b (bucket, quality, leads) "
                                + "SELECT bucket, quality, sum(leads) FROM folded GROUP BY 1, 2 "
                                + "ON CONFLICT (bucket, quality) DO UPDATE SET leads = b.leads + excluded.leads) "
                                + "SELECT count(*) AS folded FROM folded")
                        .execute()
                        .map(result -> result.iterator().next().getLong("folded"))));
    }
}
