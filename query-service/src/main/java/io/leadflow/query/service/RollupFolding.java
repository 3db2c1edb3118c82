package io.leadflow.query.service;

import io.leadflow.query.config.StatsConfig;
import io.leadflow.query.repository.RollupFolder;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.concurrent.atomic.AtomicBoolean;

/** Folds the rollup deltas every {@code leadflow.stats.fold-interval}, one fold at a time. */
@ApplicationScoped
public class RollupFolding {

    private final RollupFolder folder;
    private final Vertx vertx;
    private final StatsConfig config;
    private final AtomicBoolean folding = new AtomicBoolean();
    private long timer = -1;

    public RollupFolding(RollupFolder folder, Vertx vertx, StatsConfig config) {
        this.folder = folder;
        this.vertx = vertx;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(config.foldInterval().toMillis(), tick -> foldOnce());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void foldOnce() {
        if (!folding.compareAndSet(false, true)) {
            return;
        }
        folder.fold()
                .eventually(() -> folding.set(false))
                .subscribe().with(
                        folded -> Log.debugf("Folded %d rollup deltas", folded),
                        // The schema may not be there yet (scoring migrates it) or the database may be away: next tick.
                        failure -> Log.debugf("Folding the rollups failed, retrying next tick: %s", failure.toString()));
    }
}
