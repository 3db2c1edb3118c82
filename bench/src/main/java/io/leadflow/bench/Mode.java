package io.leadflow.bench;

import java.time.Duration;
import java.util.List;

/**
 * How big a run is: the full run fits in 20 minutes on a 2-core machine; {@code --quick} is a 2-minute smoke run
 * that shows every scenario completes and prints its line.
 */
public record Mode(String name, Duration ingestWarmup, Duration ingestStep, List<Integer> ingestConcurrency,
                   int producerRecords, int pipelineWarmup, int pipelineMessages, Duration pipelineFixedRate, int queryLeads,
                   int queryRepetitions, boolean xlsx, boolean restartEveryService, Duration scenarioLimit) {

    public static final Mode FULL = new Mode("full", Duration.ofSeconds(20), Duration.ofSeconds(15), List.of(16, 64, 256),
            300_000, 30_000, 30_000, Duration.ofSeconds(30), 1_000_000, 200, true, true, Duration.ofMinutes(6));

    public static final Mode QUICK = new Mode("quick", Duration.ofSeconds(2), Duration.ofSeconds(3), List.of(32),
            20_000, 200, 1_000, Duration.ofSeconds(4), 20_000, 15, true, false, Duration.ofMinutes(2));
}
