package io.leadflow.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One scenario's outcome: the figure, the baseline measured beside it in the same run, their ratio, the target
 * from SPEC §11 and whether it was met, and whatever else explains the figure.
 *
 * @param value    the figure, in {@code unit}
 * @param baseline the physical limit of the part underneath, same unit, or null
 * @param ratio    value / baseline (or the inverse where a lower value is better, as the target says), or null
 * @param p50Ms    median latency where latency applies, or null
 * @param p99Ms    99th percentile latency where latency applies, or null
 * @param target   the target in words, e.g. "ratio >= 0.50"
 * @param met      whether the target was met
 */
public record ScenarioResult(String name, double value, String unit, Double baseline, Double ratio, Double p50Ms,
                             Double p99Ms, String target, boolean met, Map<String, Object> details) {

    public ScenarioResult {
        details = new LinkedHashMap<>(details);
    }

    /** {@code BENCH scenario=NAME value=… baseline=… ratio=… p50_ms=… p99_ms=…}, keys that do not apply left out. */
    public String line() {
        StringBuilder line = new StringBuilder("BENCH scenario=").append(name).append(" value=").append(number(value));
        if (baseline != null) {
            line.append(" baseline=").append(number(baseline));
        }
        if (ratio != null) {
            line.append(" ratio=").append(String.format(Locale.ROOT, "%.3f", ratio));
        }
        if (p50Ms != null) {
            line.append(" p50_ms=").append(number(p50Ms));
        }
        if (p99Ms != null) {
            line.append(" p99_ms=").append(number(p99Ms));
        }
        return line.toString();
    }

    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? String.valueOf((long) value)
                : String.format(Locale.ROOT, "%.2f", value);
    }
}
