package io.leadflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** A process's resident memory, read from /proc, and a sampler that keeps its samples. */
final class Memory implements AutoCloseable {

    private final long pid;
    private final long started = System.nanoTime();
    /** Each sample: nanoseconds since {@link #sample} and the RSS in KiB. */
    private final List<long[]> samples = Collections.synchronizedList(new ArrayList<>());
    private final Thread sampler;
    private volatile boolean running = true;

    private Memory(long pid) {
        this.pid = pid;
        this.sampler = new Thread(() -> {
            while (running) {
                samples.add(new long[] {System.nanoTime() - started, rssKb(pid)});
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rss-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Starts sampling a process's RSS every 50 ms. */
    static Memory sample(long pid) {
        return new Memory(pid);
    }

    /** The resident set of a process now, in KiB (0 when it cannot be read). */
    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception e) {
            return 0;
        }
        return 0;
    }

    /**
     * The highest RSS in each quarter of the time sampled so far, in MiB: flat memory levels off once the process is
     * at its working size, where memory that grows with the work climbs quarter after quarter to the end.
     */
    List<Long> quarterPeaksMb() {
        long[] peaks = new long[4];
        long elapsed = System.nanoTime() - started;
        synchronized (samples) {
            for (long[] sample : samples) {
                int quarter = (int) Math.min(3, sample[0] * 4 / Math.max(1, elapsed));
                peaks[quarter] = Math.max(peaks[quarter], sample[1]);
            }
        }
        return Arrays.stream(peaks).map(kb -> kb / 1024).boxed().toList();
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
