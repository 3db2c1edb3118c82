package io.leadflow.http;

/** A request that cannot be served, answered as a problem by {@link ProblemMappers}. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final Integer retryAfterSeconds;

    public ProblemException(int status, String kind, String title, String detail, String field) {
        this(new Problem(Problem.TYPE_PREFIX + kind, title, status, detail, field), null);
    }

    private ProblemException(Problem problem, Integer retryAfterSeconds) {
        super(problem.detail());
        this.problem = problem;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** A request field or parameter that is missing or wrong. */
    public static ProblemException invalidField(String field, String detail) {
        return new ProblemException(400, "invalid-field", "Invalid request field", detail, field);
    }

    /** A body that is not what the content type says it is (not JSON, not UTF-8, …). */
    public static ProblemException malformedBody(String detail) {
        return new ProblemException(400, "malformed-body", "Malformed request body", detail, null);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "not-found", "Not found", detail, null);
    }

    /** A dependency (the broker, the database) is down: the client should retry after a while. */
    public static ProblemException unavailable(String detail, int retryAfterSeconds) {
        return new ProblemException(new Problem(Problem.TYPE_PREFIX + "unavailable", "Service unavailable",
                503, detail, null), retryAfterSeconds);
    }

    /** A client that sent more than it may in a while: it should retry after {@code retryAfterSeconds}. */
    public static ProblemException tooManyRequests(String detail, int retryAfterSeconds) {
        return new ProblemException(new Problem(Problem.TYPE_PREFIX + "too-many-requests", "Too many requests",
                429, detail, null), retryAfterSeconds);
    }

    public Problem problem() {
        return problem;
    }

    /** Seconds for a Retry-After header, or null. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
