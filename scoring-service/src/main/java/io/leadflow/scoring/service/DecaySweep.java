package io.leadflow.scoring.service;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** Lets quiet leads cool down without a new message: rescores them every {@code leadflow.scoring.decay.sweep-interval}. */
@ApplicationScoped
public class DecaySweep {

    private final Rescoring rescoring;

    public DecaySweep(Rescoring rescoring) {
        this.rescoring = rescoring;
    }

    @Scheduled(every = "${leadflow.scoring.decay.sweep-interval}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return rescoring.sweepDecay(Instant.now())
                .invoke(changed -> Log.infof("Decay sweep: %d quiet leads rescored", changed))
                .onFailure().invoke(failure -> Log.warnf("Decay sweep failed, next one will retry: %s", failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
