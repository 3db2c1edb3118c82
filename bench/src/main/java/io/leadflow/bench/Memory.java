package io.leadflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/** A process's resident memory, read from /proc, and a sampler that keeps its peak. */
final class Memory implements AutoCloseable {

    private final long pid;
    private final AtomicLong peakKb = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    private Memory(long pid) {
        this.pid = pid;
        this.sampler = new Thread(() -> {
            while (running) {
                peakKb.accumulateAndGet(rssKb(pid), Math::max);
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

    long nowMb() {
        return rssKb(pid) / 1024;
    }

    long peakMb() {
        return Math.max(peakKb.get(), rssKb(pid)) / 1024;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
