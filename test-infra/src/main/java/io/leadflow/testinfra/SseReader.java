package io.leadflow.testinfra;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** A Server-Sent Events reader for tests: parses the stream into events (comments included) as they arrive. */
public final class SseReader implements AutoCloseable {

    /** One event; a comment-only block has a comment and no name. */
    public record Event(String id, String name, String data, String comment) {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<Event> seen = new ArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private volatile Stream<String> lines;

    /**
     * Opens the stream at {@code uri}, sending {@code lastEventId} and {@code authorization} (e.g.
     * {@code TestAccess.bearer("viewer")}) when they are not null.
     */
    public SseReader(URI uri, String lastEventId, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        response = HttpClient.newHttpClient().sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
        // The lines are read on a thread of their own, until the server ends the stream or the reader is closed.
        response.thenAcceptAsync(answer -> {
            lines = answer.body();
            String[] block = new String[4];
            try (Stream<String> body = lines) {
                body.forEach(line -> {
                    if (line.isEmpty()) {
                        if (block[1] != null || block[2] != null || block[3] != null) {
                            events.add(new Event(block[0], block[1], block[2], block[3]));
                        }
                        block[1] = null;
                        block[2] = null;
                        block[3] = null;
                    } else if (line.startsWith(":")) {
                        block[3] = line.substring(1).strip();
                    } else {
                        int colon = line.indexOf(':');
                        String field = colon < 0 ? line : line.substring(0, colon);
                        String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                        switch (field) {
                            case "id" -> block[0] = value;
                            case "event" -> block[1] = value;
                            case "data" -> block[2] = block[2] == null ? value : block[2] + "\n" + value;
                            default -> { }
                        }
                    }
                });
            } finally {
                ended.complete(null);
            }
        }, runnable -> {
            Thread reader = new Thread(runnable, "sse-reader");
            reader.setDaemon(true);
            reader.start();
        });
    }

    public int status() throws Exception {
        return response.get(20, TimeUnit.SECONDS).statusCode();
    }

    public String header(String name) throws Exception {
        return response.get(20, TimeUnit.SECONDS).headers().firstValue(name).orElse(null);
    }

    /** Waits for the first event (from the start of the stream) that matches. */
    public Event await(Predicate<Event> match, Duration timeout) throws InterruptedException {
        synchronized (seen) {
            for (Event event : seen) {
                if (match.test(event)) {
                    return event;
                }
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Event event = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("no matching event within " + timeout + "; saw " + seen);
            }
            synchronized (seen) {
                seen.add(event);
            }
            if (match.test(event)) {
                return event;
            }
        }
    }

    /** Whether the server ends the stream within {@code timeout}. */
    public boolean endsWithin(Duration timeout) throws InterruptedException {
        try {
            ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    /** Every event read so far, in order. */
    public List<Event> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    @Override
    public void close() {
        response.cancel(true);
        Stream<String> open = lines;
        if (open != null) {
            open.close();
        }
    }
}
