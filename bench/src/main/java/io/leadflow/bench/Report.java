package io.leadflow.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.leadflow.events.EventJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The run's results: one BENCH line per scenario on stdout, and a Markdown and a JSON report in the results folder. */
final class Report {

    private final Mode mode;
    private final Instant started = Instant.now();
    private final List<ScenarioResult> results = new ArrayList<>();

    Report(Mode mode) {
        this.mode = mode;
    }

    void add(ScenarioResult result) {
        results.add(result);
        System.out.println(result.line());
        System.out.flush();
    }

    List<ScenarioResult> results() {
        return List.copyOf(results);
    }

    /** Writes report.md and report.json under {@code folder/<timestamp>/} and answers that directory. */
    Path write(Path folder) throws IOException {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(started);
        Path directory = Files.createDirectories(folder.resolve(stamp + "-" + mode.name()));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("mode", mode.name());
        json.put("started", started.toString());
        json.put("machine", Machine.describe());
        json.put("results", results);
        Files.writeString(directory.resolve("report.json"),
                EventJson.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json));
        Files.writeString(directory.resolve("report.md"), markdown());
        return directory;
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Leadflow benchmark (").append(mode.name()).append(" run, ").append(started).append(")\n\n");
        md.append("Machine: ").append(Machine.describe()).append("\n\n");
        md.append("| scenario | value | baseline | ratio | p50 ms | p99 ms | target | met |\n");
        md.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (ScenarioResult r : results) {
            md.append("| ").append(r.name())
                    .append(" | ").append(ScenarioResult.number(r.value())).append(' ').append(r.unit())
                    .append(" | ").append(r.baseline() == null ? "" : ScenarioResult.number(r.baseline()))
                    .append(" | ").append(r.ratio() == null ? "" : String.format(Locale.ROOT, "%.3f", r.ratio()))
                    .append(" | ").append(r.p50Ms() == null ? "" : ScenarioResult.number(r.p50Ms()))
                    .append(" | ").append(r.p99Ms() == null ? "" : ScenarioResult.number(r.p99Ms()))
                    .append(" | ").append(r.target())
                    .append(" | ").append(r.met() ? "yes" : "**no**").append(" |\n");
        }
        md.append("\n## Details\n");
        for (ScenarioResult r : results) {
            md.append("\n### ").append(r.name()).append("\n\n");
            r.details().forEach((key, value) -> md.append("- ").append(key).append(": ").append(value).append('\n'));
        }
        md.append("\n```\n");
        results.forEach(r -> md.append(r.line()).append('\n'));
        md.append("```\n");
        return md.toString();
    }
}
