package io.leadflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** What the numbers were measured on. */
final class Machine {

    private Machine() {
    }

    static String describe() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + memoryGb() + " GiB, " + cpuModel() + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java "
                + System.getProperty("java.version");
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
