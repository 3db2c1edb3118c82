package io.leadflow.scoring.service;

import io.leadflow.http.ProblemException;
import io.leadflow.scoring.RecordedLead;
import io.leadflow.scoring.config.ScoringConfig;
import io.leadflow.scoring.model.Conversation;
import io.leadflow.scoring.model.ScoringEngine;
import io.leadflow.scoring.model.ScoringEngine.ConversationScore;
import io.leadflow.scoring.model.Signal;
import io.leadflow.scoring.repository.ConversationHistory;
import io.leadflow.scoring.repository.RescoreRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Rescoring stored leads from their conversations with the model as configured now, in batches while intake goes
 * on: every lead on request (after the weights or thresholds changed), and quiet leads as they cool down (the decay
 * sweep). Each batch is one short transaction over a few hundred leads, so intake goes on meanwhile. One rescoring
 * of every lead runs at a time per replica.
 */
@ApplicationScoped
public class Rescoring {

    private final Pool pool;
    private final RescoreRepository leads;
    private final ScoringEngine engine;
    private final int batchSize;
    private final AtomicReference<RescoreStatus> status = new AtomicReference<>(RescoreStatus.IDLE);

    public Rescoring(Pool pool, RescoreRepository leads, ScoringEngine engine, ScoringConfig config) {
        this.pool = pool;
        this.leads = leads;
        this.engine = engine;
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
        inBatches(after -> leads.allAfter(after, batchSize), Instant::now,
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
        Instant quietSince = now.minus(engine.model().decay().grace());
        return inBatches(after -> leads.quietAfter(after, batchSize, quietSince, fullyDecayedAfter()), () -> now,
                (seen, changed) -> { });
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
                    return rescore(ids, now.get()).map(n -> {
                        changed[0] += n;
                        progress.accept(ids.size(), n);
                        return Boolean.TRUE;
                    });
                }))
                .until(more -> !more)
                .collect().last()
                .map(ignored -> changed[0]);
    }

    /**
     * Rescores the leads as of {@code now} in one transaction; answers how many were written (changed, or marked as
     * decayed all they can). Package-private for tests, which rescore chosen leads at a chosen moment.
     */
    Uni<Integer> rescore(List<Long> ids, Instant now) {
        Duration window = engine.model().conversationWindow();
        return pool.withTransaction(tx -> leads.lock(tx, ids).chain(locked -> {
            Map<Long, Instant> since = new HashMap<>();
            locked.forEach(lead -> since.put(lead.id(), Conversation.windowStart(lead.asRecorded().receivedAt(), window)));
            return ConversationHistory.since(tx, since).chain(history -> write(tx, locked, history, now));
        }));
    }

    private Uni<Integer> write(SqlConnection tx, List<RecordedLead> locked, Map<Long, List<Signal>> history, Instant now) {
        if (locked.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Map<Long, ConversationScore> scores = new LinkedHashMap<>();
        for (RecordedLead lead : locked) {
            List<Signal> signals = history.getOrDefault(lead.id(), List.of());
            scores.put(lead.id(), engine.score(lead.contact(), signals.isEmpty() ? List.of(lead.asRecorded()) : signals, now));
        }
        return leads.write(tx, scores, now, fullyDecayedAfter());
    }

    /** How long after its last message a lead has lost all it can lose: the sweep leaves it alone from then on. */
    private Duration fullyDecayedAfter() {
        return engine.model().decay().fullyDecayedAfter();
    }
}
