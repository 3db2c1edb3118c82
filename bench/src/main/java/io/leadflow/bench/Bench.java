package io.leadflow.bench;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The benchmark: runs each scenario against the running system, prints one BENCH line per scenario and writes the
 * report. Usage: Bench [--quick] [--results DIR] [--only NAME,NAME]; the system is the one {@code ./leadflow}
 * started with the same environment ({@code ./leadflow bench} does all of it).
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Mode mode = Mode.FULL;
        Path results = Paths.get("bench-results");
        List<String> only = List.of();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> mode = Mode.QUICK;
                case "--results" -> results = Paths.get(args[++i]);
                case "--only" -> only = List.of(args[++i].split(","));
                default -> {
                    System.err.println("usage: Bench [--quick] [--results DIR] [--only ingest,pipeline,query,export_csv,export_xlsx,startup]");
                    System.exit(2);
                }
            }
        }
        Target target = Target.fromEnvironment(System.getenv());
        Progress progress = new Progress();
        Report report = new Report(mode);
        progress.step("Leadflow benchmark, " + mode.name() + " run, on " + Machine.describe());

        Map<String, Callable<ScenarioResult>> scenarios = new LinkedHashMap<>();
        IngestScenario ingest = new IngestScenario(target, mode, progress);
        PipelineScenario pipeline = new PipelineScenario(target, mode, progress);
        QueryScenario query = new QueryScenario(target, mode, progress);
        ExportScenario export = new ExportScenario(target, mode, progress);
        StartupScenario startup = new StartupScenario(target, mode, progress);
        scenarios.put("ingest", ingest::run);
        scenarios.put("pipeline", pipeline::run);
        scenarios.put("query", query::run);
        scenarios.put("export_csv", export::csv);
        scenarios.put("export_xlsx", export::xlsx);
        scenarios.put("startup", startup::run);

        List<String> failed = new ArrayList<>();
        ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "scenario");
            thread.setDaemon(true);
            return thread;
        });
        for (Map.Entry<String, Callable<ScenarioResult>> scenario : scenarios.entrySet()) {
            if (!only.isEmpty() && !only.contains(scenario.getKey())) {
                continue;
            }
            progress.step("== " + scenario.getKey());
            Future<ScenarioResult> running = runner.submit(scenario.getValue());
            try {
                report.add(awaitWithinLimit(running, mode.scenarioLimit().plusSeconds(60)));
            } catch (TimeoutException e) {
                running.cancel(true);
                failed.add(scenario.getKey() + ": stopped at its limit of " + mode.scenarioLimit());
            } catch (Exception e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                failed.add(scenario.getKey() + ": " + cause);
                cause.printStackTrace();
            }
        }
        runner.shutdownNow();
        Path written = report.write(results);
        progress.step("Report: " + written.resolve("report.md"));
        failed.forEach(f -> System.err.println("FAILED " + f));
        System.exit(failed.isEmpty() ? 0 : 1);
    }

    /**
     * A scenario's result, or a TimeoutException once it has worked for longer than the limit. Waiting for a quiet
     * machine does not count: on a machine busy with something else it is up to 90 s each time, and says so.
     */
    private static ScenarioResult awaitWithinLimit(Future<ScenarioResult> running, Duration limit) throws Exception {
        long started = System.nanoTime();
        Duration quietBefore = Machine.quietWaited();
        while (true) {
            try {
                return running.get(1, TimeUnit.SECONDS);
            } catch (TimeoutException stillRunning) {
                Duration worked = Duration.ofNanos(System.nanoTime() - started).minus(Machine.quietWaited().minus(quietBefore));
                if (worked.compareTo(limit) > 0) {
                    throw stillRunning;
                }
            }
        }
    }
}
