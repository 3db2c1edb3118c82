package io.leadflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** What the numbers were measured on. */
final class Machine {

    /** Time spent in {@link #awaitQuiet} since start: a scenario's time limit does not count it. */
    private static final AtomicLong QUIET_WAIT_NANOS = new AtomicLong();

    private Machine() {
    }

    static String describe() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + memoryGb() + " GiB, " + cpuModel() + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java "
                + System.getProperty("java.version");
    }

    /**
     * Waits until the machine is quiet (under a quarter of its CPU busy over a second), at most 90 s, and
     * answers how long that took: a rate's latency is measured from a quiet start, not in the wake of the previous
     * load (the services still working off its backlog, autovacuum after a burst of inserts). Without
     * {@code /proc/stat} it does not wait.
     */
    static Duration awaitQuiet(Progress progress) throws InterruptedException {
        progress.step("waiting for the machine to be quiet (the services working off the previous load)");
        Duration limit = Duration.ofSeconds(90);
        long start = System.nanoTime();
        long[] before = cpuTicks();
        while (before != null && System.nanoTime() - start < limit.toNanos()) {
            Thread.sleep(1_000);
            long[] after = cpuTicks();
            long total = after[0] - before[0];
            long busy = total - (after[1] - before[1]);
            if (total > 0 && busy * 4 < total) {
                break;
            }
            before = after;
        }
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        QUIET_WAIT_NANOS.addAndGet(waited.toNanos());
        progress.step("quiet after " + waited.toSeconds() + " s");
        return waited;
    }

    /** How long every {@link #awaitQuiet} so far has waited. */
    static Duration quietWaited() {
        return Duration.ofNanos(QUIET_WAIT_NANOS.get());
    }

    /** All CPU ticks and idle ones (idle and iowait) since boot, or null without /proc/stat. */
    private static long[] cpuTicks() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length; i++) {
                total += Long.parseLong(fields[i]);
            }
            return new long[] {total, Long.parseLong(fields[4]) + Long.parseLong(fields[5])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String memoryGb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return String.valueOf(Math.round(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0));
                }
            }
        } catch (Exception e) {
            return "?";
        }
        return "?";
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (Exception e) {
            return "unknown CPU";
        }
        return "unknown CPU";
    }
}
