package io.leadflow.system.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A stream of uniquely identified webhooks to the generic endpoint, sent as a platform sends them: each with an
 * {@code Idempotency-Key}, paced, from a few connections at once, and redelivered with the same key when it gets no
 * answer or a 5xx, until it gets a 2xx. Each message's text carries its {@link #token}, so what is stored can be
 * counted against what was acknowledged.
 */
final class WebhookStream implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final int SENDERS = 4;
    /** How long one message is redelivered before the stream gives up on it (and the scenario fails). */
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(4);

    private final int number;
    private final String scenario;
    private final URI webhook;
    private final int messages;
    private final int contacts;
    private final ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
    private final Set<Integer> acked = ConcurrentHashMap.newKeySet();
    private final Set<Integer> refused = ConcurrentHashMap.newKeySet();
    private final AtomicInteger redeliveries = new AtomicInteger();
    private final AtomicInteger unavailable = new AtomicInteger();

    private WebhookStream(int number, String ingestUrl, int messages, int contacts) {
        this.number = number;
        this.scenario = "s" + number;
        this.webhook = URI.create(ingestUrl + "/api/webhook");
        this.messages = messages;
        this.contacts = contacts;
    }

    /**
     * Starts sending {@code messages} webhooks from {@code contacts} people, about {@code perSecond} a second.
     *
     * @param number the scenario's number, 1 to 9, unique in the database: it is in every message's token and phone
     */
    static WebhookStream start(int number, String ingestUrl, int messages, int contacts, int perSecond) {
        if (number < 1 || number > 9 || contacts > 1_000_000) {
            throw new IllegalArgumentException("scenarios 1 to 9, at most a million contacts");
        }
        WebhookStream stream = new WebhookStream(number, ingestUrl, messages, contacts);
        long pause = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long started = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            int index = i;
            long due = started + index * pause;
            stream.senders.execute(() -> {
                sleepUntil(due);
                stream.deliver(index);
            });
        }
        stream.senders.shutdown();
        return stream;
    }

    /** The text marker of one message of a scenario: {@code [s1#42]}. */
    static String token(String scenario, int index) {
        return "[" + scenario + "#" + index + "]";
    }

    /** The phone of the contact that sends a message: one person sends several messages. */
    String phone(int index) {
        return String.format("+92300%d%06d", number, index % contacts);
    }

    /** Waits until every message was acknowledged or given up on. */
    void awaitSent(Duration timeout) throws InterruptedException {
        if (!senders.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("The " + scenario + " stream did not finish within " + timeout + ": "
                    + acked.size() + " of " + messages + " acknowledged");
        }
    }

    /** Waits until at least {@code count} messages were acknowledged. */
    void awaitAcknowledged(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (acked.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(acked.size() + " of " + count + " acknowledged within " + timeout);
            }
            sleep(Duration.ofMillis(20));
        }
    }

    String scenario() {
        return scenario;
    }

    int sent() {
        return messages;
    }

    Set<Integer> ackedIndexes() {
        return Set.copyOf(acked);
    }

    /** Messages answered with a 4xx: the stream sends only valid ones, so any is a failure. */
    Set<Integer> refusedIndexes() {
        return Set.copyOf(refused);
    }

    /** How many deliveries were repeated after no answer or a 5xx. */
    int redeliveries() {
        return redeliveries.get();
    }

    /** How many answers were 503 (with a Retry-After). */
    int unavailableAnswers() {
        return unavailable.get();
    }

    @Override
    public void close() {
        senders.shutdownNow();
    }

    private void deliver(int index) {
        String body = "{\"phone\":\"" + phone(index) + "\",\"channel\":\"whatsapp\",\"sender_name\":\"Reliability "
                + (index % contacts) + "\",\"message\":\"I want to buy " + (index % 7 + 1) + " sofas this week, what is the price? "
                + token(scenario, index) + "\"}";
        HttpRequest request = HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", scenario + "-" + index)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long giveUp = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        Duration backoff = Duration.ofMillis(200);
        while (System.nanoTime() < giveUp && !Thread.currentThread().isInterrupted()) {
            try {
                HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() / 100 == 2) {
                    acked.add(index);
                    return;
                }
                if (answer.statusCode() / 100 == 4) {
                    refused.add(index);
                    return;
                }
                if (answer.statusCode() == 503 && answer.headers().firstValue("Retry-After").isPresent()) {
                    unavailable.incrementAndGet();
                }
            } catch (IOException e) {
                // No answer (ingest killed, connection refused): the platform redelivers.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            redeliveries.incrementAndGet();
            sleep(backoff);
            backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(2)) > 0 ? Duration.ofSeconds(2) : backoff.multipliedBy(2);
        }
    }

    private static void sleepUntil(long nanoTime) {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            sleep(Duration.ofNanos(wait));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
