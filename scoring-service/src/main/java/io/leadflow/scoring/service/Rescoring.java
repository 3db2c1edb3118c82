package io.leadflow.scoring.service;

import io.leadflow.http.ProblemException;
import io.leadflow.scoring.config.ScoringConfig;
import io.leadflow.scoring.repository.LeadRescorer;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Rescoring stored leads in batches while intake goes on: every lead on request (after the model changed), and
 * quiet leads as they cool down (the decay sweep). One rescoring of every lead runs at a time per replica.
 */
@ApplicationScoped
public class Rescoring {

    private final LeadRescorer rescorer;
    private final int batchSize;
    private final AtomicReference<RescoreStatus> status = new AtomicReference<>(RescoreStatus.IDLE);

    public Rescoring(LeadRescorer rescorer, ScoringConfig config) {
        this.rescorer = rescorer;
        this.batchSize = config.rescore().batchSize();
    }

    public RescoreStatus status() {
        return status.get();
    }

    /**
     * Starts rescoring every lead in the background and answers at once.
     *
     * @throws ProblemException 409 when a rescoring is already running
     */
    public RescoreStatus start() {
        RescoreStatus current = status.get();
        RescoreStatus started = RescoreStatus.started(Instant.now());
        if (current.running() || !status.compareAndSet(current, started)) {
            throw new ProblemException(409, "rescore-running", "Rescoring already running",
                    "A rescoring of every lead is already running; follow it with GET /api/admin/rescore.", null);
        }
        Log.infof("Rescoring every lead in batches of %d", batchSize);
        inBatches(after -> rescorer.allAfter(after, batchSize), Instant::now,
                (seen, changed) -> status.updateAndGet(s -> s.progressed(seen, changed)))
                .subscribe().with(
                        done -> {
                            RescoreStatus finished = status.updateAndGet(s -> s.finished(Instant.now()));
                            Log.infof("Rescored %d leads, %d changed", finished.leadsSeen(), finished.leadsChanged());
                        },
                        failure -> {
                            Log.errorf(failure, "Rescoring failed after %d leads", status.get().leadsSeen());
                            status.updateAndGet(s -> s.failed(Instant.now(), failure.getMessage()));
                        });
        return started;
    }

    /** Rescores the quiet leads whose decay has moved on by {@code now}; answers how many changed. */
    public Uni<Long> sweepDecay(Instant now) {
        return inBatches(after -> rescorer.quietAfter(after, batchSize, now), () -> now, (seen, changed) -> { });
    }

    /**
     * Rescores batch after batch of the leads {@code next} finds after the last id of the previous batch, until it
     * finds none; answers how many changed.
     */
    private Uni<Long> inBatches(Function<Long, Uni<List<Long>>> next, Supplier<Instant> now,
                                BiConsumer<Integer, Integer> progress) {
        long[] changed = {0};
        return Multi.createBy().repeating()
                .uni(() -> new long[] {0}, cursor -> next.apply(cursor[0]).chain(ids -> {
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(Boolean.FALSE);
                    }
                    cursor[0] = ids.get(ids.size() - 1);
                    return rescorer.rescore(ids, now.get()).map(n -> {
                        changed[0] += n;
                        progress.accept(ids.size(), n);
                        return Boolean.TRUE;
                    });
                }))
                .until(more -> !more)
                .collect().last()
                .map(ignored -> changed[0]);
    }
}
