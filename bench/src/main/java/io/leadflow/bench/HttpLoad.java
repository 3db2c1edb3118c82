package io.leadflow.bench;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;

/**
 * An HTTP load generator on Vert.x: closed loop (N requests in flight, as fast as answers come back) or open loop
 * (a fixed rate, latency measured from each request's intended start so a stall is not hidden).
 */
public final class HttpLoad implements AutoCloseable {

    /** One request to send: path, headers, body. */
    public record Request(String path, MultiMap headers, Buffer body) {
    }

    /** What a run measured: accepted (2xx) answers, others, and the latency of accepted ones in microseconds. */
    public record Outcome(long accepted, long failed, Duration elapsed, Histogram latencyMicros) {
        public double acceptedPerSecond() {
            return accepted / (elapsed.toNanos() / 1e9);
        }

        public double p50Ms() {
            return latencyMicros.getValueAtPercentile(50) / 1000.0;
        }

        public double percentileMs(double percentile) {
            return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    private final Vertx vertx;
    private final HttpClient client;
    private final int port;

    public HttpLoad(int port, int connections) {
        this.port = port;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        this.client = vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true).setDefaultHost("127.0.0.1").setDefaultPort(port)
                        .setConnectTimeout(5_000).setIdleTimeout(60),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
    }

    /** Keeps {@code concurrency} requests in flight for {@code duration}. */
    public Outcome closedLoop(int concurrency, Duration duration, LongFunction<Request> requests) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        return closedLoop(concurrency, n -> System.nanoTime() < end, duration.plusSeconds(60), requests);
    }

    /** Sends {@code total} requests with {@code concurrency} in flight, as fast as answers come back. */
    public Outcome closedLoopCount(int concurrency, long total, LongFunction<Request> requests) throws InterruptedException {
        return closedLoop(concurrency, n -> n < total, Duration.ofMinutes(30), requests);
    }

    /** Keeps {@code concurrency} requests in flight while {@code more} holds for the next request's number. */
    private Outcome closedLoop(int concurrency, LongPredicate more, Duration limit, LongFunction<Request> requests)
            throws InterruptedException {
        Histogram latency = new Histogram(60_000_000L, 3);
        AtomicLong accepted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong sequence = new AtomicLong();
        long start = System.nanoTime();
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            vertx.runOnContext(ignored -> loop(requests, sequence, more, latency, accepted, failed, done));
        }
        done.await(limit.toSeconds(), TimeUnit.SECONDS);
        return new Outcome(accepted.get(), failed.get(), Duration.ofNanos(System.nanoTime() - start), latency);
    }

    private void loop(LongFunction<Request> requests, AtomicLong sequence, LongPredicate more, Histogram latency,
                      AtomicLong accepted, AtomicLong failed, CountDownLatch done) {
        long n = sequence.getAndIncrement();
        if (!more.test(n)) {
            done.countDown();
            return;
        }
        long started = System.nanoTime();
        send(requests.apply(n)).onComplete(result -> {
            record(result.succeeded() ? result.result() : 0, started, latency, accepted, failed);
            loop(requests, sequence, more, latency, accepted, failed, done);
        });
    }

    /** Starts {@code rate} requests per second for {@code duration}, whatever the answers do. */
    public Outcome openLoop(int rate, Duration duration, LongFunction<Request> requests) throws InterruptedException {
        Histogram latency = new Histogram(60_000_000L, 3);
        AtomicLong accepted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long total = (long) rate * duration.toSeconds();
        CountDownLatch done = new CountDownLatch((int) total);
        long start = System.nanoTime();
        AtomicLong sent = new AtomicLong();
        AtomicLong inFlight = new AtomicLong();
        long maxInFlight = Math.max(1_000, rate * 2L);
        long timer = vertx.setPeriodic(1, id -> {
            long due = Math.min(total, (System.nanoTime() - start) * rate / 1_000_000_000L);
            while (sent.get() < due) {
                long n = sent.getAndIncrement();
                if (inFlight.get() >= maxInFlight) {
                    // The service is more than two seconds behind: count the request as failed rather than queue it.
                    failed.incrementAndGet();
                    done.countDown();
                    continue;
                }
                inFlight.incrementAndGet();
                long intended = start + n * 1_000_000_000L / rate;
                send(requests.apply(n)).onComplete(result -> {
                    inFlight.decrementAndGet();
                    record(result.succeeded() ? result.result() : 0, intended, latency, accepted, failed);
                    done.countDown();
                });
            }
        });
        boolean finished = done.await(duration.toSeconds() + 60, TimeUnit.SECONDS);
        vertx.cancelTimer(timer);
        long missing = finished ? 0 : done.getCount();
        return new Outcome(accepted.get(), failed.get() + missing, Duration.ofNanos(System.nanoTime() - start), latency);
    }

    /** One request, answering its status code. */
    public Future<Integer> send(Request request) {
        return client.request(HttpMethod.POST, port, "127.0.0.1", request.path())
                .compose(http -> {
                    http.headers().addAll(request.headers());
                    return http.send(request.body());
                })
                .compose(response -> response.body().map(ignored -> response.statusCode()));
    }

    private static void record(int status, long started, Histogram latency, AtomicLong accepted, AtomicLong failed) {
        if (status / 100 == 2) {
            accepted.incrementAndGet();
            synchronized (latency) {
                latency.recordValue(Math.min(latency.getHighestTrackableValue(), (System.nanoTime() - started) / 1000));
            }
        } else {
            failed.incrementAndGet();
        }
    }

    @Override
    public void close() {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
