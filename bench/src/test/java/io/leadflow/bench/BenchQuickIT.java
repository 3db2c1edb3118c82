package io.leadflow.bench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./leadflow bench --quick}, as a user runs it: a stack of its own on free ports, every scenario, one BENCH
 * line each and a report. Only that it completes is asserted: timings are the benchmark's business, not CI's.
 */
class BenchQuickIT {

    private static final List<String> SCENARIOS = List.of("ingest", "pipeline", "query", "export_csv", "export_xlsx", "startup");

    @Test
    void quickRun_completesAndPrintsOneLinePerScenario() throws IOException, InterruptedException {
        Path root = repositoryRoot();
        Path target = Paths.get("target").toAbsolutePath();
        Path output = target.resolve("bench-quick.log");
        Path results = target.resolve("bench-results");
        ProcessBuilder bench = new ProcessBuilder(root.resolve("leadflow").toString(), "bench", "--quick",
                "--results", results.toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        bench.environment().put("LEADFLOW_BENCH_DATA_DIR", target.resolve("bench-data").toString());
        Process process = bench.start();
        boolean finished = process.waitFor(15, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String log = Files.readString(output, StandardCharsets.UTF_8);

        assertThat(finished).as("the quick run finishes; its output:\n%s", log).isTrue();
        assertThat(process.exitValue()).as("exit status; output:\n%s", log).isZero();
        List<String> lines = log.lines().filter(line -> line.startsWith("BENCH ")).toList();
        assertThat(lines).as("one line per scenario").hasSize(SCENARIOS.size());
        for (int i = 0; i < SCENARIOS.size(); i++) {
            assertThat(lines.get(i)).matches("BENCH scenario=" + SCENARIOS.get(i) + " value=[0-9.]+( [a-z0-9_]+=[0-9.]+)*");
        }
        try (var reports = Files.list(results)) {
            Path report = reports.filter(Files::isDirectory).findFirst().orElseThrow();
            assertThat(report.resolve("report.md")).content().contains("| ingest |", "| startup |");
            assertThat(report.resolve("report.json")).content().contains("\"results\"", "\"export_xlsx\"").doesNotContain("NaN");
        }
    }

    private static Path repositoryRoot() {
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null && !Files.isExecutable(dir.resolve("leadflow"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the repository with ./leadflow").isNotNull();
        return dir;
    }
}
