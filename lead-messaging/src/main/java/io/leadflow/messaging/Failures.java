package io.leadflow.messaging;

import io.leadflow.events.DeadLetter;
import io.smallrye.mutiny.CompositeException;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * What a consumer needs to know about a failure: whether it is known to pass (the broker or the network unavailable,
 * a timeout: retry without limit, SPEC §3), and what failed, said without quoting any data (the exception's class,
 * where it was thrown and the rule it names; never its message, which can hold a customer's text).
 */
public final class Failures {

    /** Failures that say the other side is away for now, whatever the record. */
    private static final Predicate<Throwable> AWAY = cause -> cause instanceof RetriableException
            || cause instanceof SocketException || cause instanceof SocketTimeoutException
            || cause instanceof UnknownHostException || cause instanceof ClosedChannelException
            || cause instanceof TimeoutException;
    /** The rule a failure of these classes names, where the class alone does not say it. */
    private static final Map<Class<? extends Throwable>, String> RULES = Map.of(
            RecordTooLargeException.class, "larger than the producer's max.request.size or the topic's max.message.bytes",
            RecordBatchTooLargeException.class, "larger than the topic's max.message.bytes");
    private static final int MAX_CAUSES = 16;

    private Failures() {
    }

    /** Whether the failure, or any cause of it, is the broker or the network being away or slow for now. */
    public static boolean isTransient(Throwable failure) {
        return isTransient(failure, cause -> false);
    }

    /**
     * Whether the failure, or any cause of it, is known to pass: the broker or the network away or slow, or what
     * {@code alsoTransient} knows of the service's own neighbours (its database).
     */
    public static boolean isTransient(Throwable failure, Predicate<Throwable> alsoTransient) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
            if (AWAY.test(cause) || alsoTransient.test(cause)) {
                return true;
            }
            if (cause instanceof CompositeException composite) {
                return composite.getCauses().stream().anyMatch(c -> isTransient(c, alsoTransient));
            }
        }
        return false;
    }

    /**
     * The failure for a log line or a dead-letter header: its class, the first place in Leadflow's code (else the
     * first place at all) it went through, and the rule its class names; never its message.
     * E.g. {@code NullPointerException at io.leadflow.analysis.service.Extractor.money(Extractor.java:171)}.
     */
    public static String describe(Throwable failure) {
        Throwable cause = unwrap(failure);
        String rule = RULES.get(cause.getClass());
        return cause.getClass().getSimpleName() + location(cause) + (rule == null ? "" : ": " + rule);
    }

    /** The {@linkplain DeadLetter.Reason category} of a failure that persisted, by what it is. */
    public static String deadLetterCategory(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException) {
            return DeadLetter.Reason.TOO_LARGE;
        }
        return cause instanceof ApiException || cause instanceof SerializationException
                ? DeadLetter.Reason.REFUSED : DeadLetter.Reason.FAILED;
    }

    /** The failure inside the wrappers that asynchronous code puts around it. */
    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && (cause instanceof CompletionException || cause instanceof ExecutionException
                || cause instanceof CompositeException)) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String location(Throwable cause) {
        StackTraceElement[] trace = cause.getStackTrace();
        if (trace.length == 0) {
            return "";
        }
        for (StackTraceElement frame : trace) {
            if (frame.getClassName().startsWith("io.leadflow.")) {
                return at(frame);
            }
        }
        return at(trace[0]);
    }

    /** The frame without the class loader and module names {@link StackTraceElement#toString()} adds. */
    private static String at(StackTraceElement frame) {
        return " at " + frame.getClassName() + "." + frame.getMethodName() + "(" + frame.getFileName() + ":"
                + frame.getLineNumber() + ")";
    }
}
