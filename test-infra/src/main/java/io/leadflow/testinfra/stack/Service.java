package io.leadflow.testinfra.stack;

/** The five services, in the order they start: scoring first, as it applies the schema. */
public enum Service {
    SCORING, ANALYSIS, INGEST, QUERY, EXPORT;

    /** The Maven module, e.g. {@code ingest-service}. */
    public String module() {
        return name().toLowerCase() + "-service";
    }
}
