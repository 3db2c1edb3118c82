package io.leadflow.scoring.repository;

import io.leadflow.events.Analysis;
import io.leadflow.events.Channel;
import io.leadflow.events.EventJson;
import io.leadflow.events.Intent;
import io.leadflow.events.LeadAnalyzed;
import io.leadflow.events.Urgency;
import io.leadflow.scoring.AnalyzedMessages;
import io.leadflow.scoring.service.BatchPlanner;
import io.leadflow.scoring.service.Contact;
import io.leadflow.scoring.service.Conversation;
import io.leadflow.scoring.service.ScoringEngine;
import io.leadflow.testinfra.LeadflowTestResource;
import io.quarkus.logging.Log;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static io.leadflow.scoring.repository.SqlParams.tuple;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §11: the writer's leads/s next to what batched multi-row INSERTs of the same lead rows reach on the same
 * database. Not part of the build (the name is not a test's); run it with
 * {@code ./mvnw -pl scoring-service -am test -Dtest=WriteThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * and read the "Write throughput" lines. Sizes: {@code -Dleadflow.benchmark.leads=20000}.
 */
@QuarkusTest
@WithTestResource(value = LeadflowTestResource.class, initArgs = @ResourceArg(name = "database", value = "empty"))
class WriteThroughputBenchmark {

    private static final int BATCH = 500;
    private static final String TEXT = "I want to buy 3 units of the blue sofa today, please tell me the price and delivery "
            + "time to Lahore. ".repeat(3);

    @Inject
    LeadWriter writer;

    @Inject
    Pool pool;

    @Inject
    ScoringEngine engine;

    private String breakdown;

    @Test
    void writerThroughput_nextToRawBatchedInserts() {
        int leads = Integer.getInteger("leadflow.benchmark.leads", 20_000);
        int warmUp = leads / 10;
        List<LeadAnalyzed> warmUpMessages = new ArrayList<>();
        List<LeadAnalyzed> firstMessages = new ArrayList<>();
        List<LeadAnalyzed> secondMessages = new ArrayList<>();
        String run = Long.toString(System.nanoTime() % 1_000_000, 36);
        for (int i = 0; i < warmUp; i++) {
            warmUpMessages.add(message(String.format("+9232%09d", i), "warm" + i + "." + run + "@example.com", "Warm " + i));
        }
        for (int i = 0; i < leads; i++) {
            String phone = String.format("+9231%09d", i);
            String email = "bench" + i + "." + run + "@example.com";
            firstMessages.add(message(phone, email, "Bench " + i));
            secondMessages.add(message(phone, email, "Bench " + i));
        }
        LeadAnalyzed sample = firstMessages.get(0);
        breakdown = EventJson.write(engine.score(Conversation.summarize(new Contact(sample.message().senderName(),
                sample.message().phone(), sample.message().email()), List.of(BatchPlanner.signal(sample)),
                Duration.ofDays(30), Instant.now())));
        pool.query("CREATE TABLE IF NOT EXISTS bench_leads (LIKE leads INCLUDING ALL)").execute().await().indefinitely();
        pool.query("TRUNCATE bench_leads").execute().await().indefinitely();

        // Both paths once before measuring, so neither is measured cold.
        perSecond(warmUp, () -> rawInserts(warmUpMessages).chain(() -> write(warmUpMessages)));
        double raw = perSecond(leads, () -> rawInserts(firstMessages));
        double newLeads = perSecond(leads, () -> write(firstMessages));
        double returning = perSecond(leads, () -> write(secondMessages));

        Log.infof("Write throughput, %d leads in batches of %d: raw multi-row INSERT of the lead rows %.0f rows/s; "
                        + "writer, new contacts %.0f leads/s (%.0f%%); writer, a second message each %.0f leads/s (%.0f%%)",
                leads, BATCH, raw, newLeads, 100 * newLeads / raw, returning, 100 * returning / raw);
        assertThat(newLeads).isPositive();
    }

    private static LeadAnalyzed message(String phone, String email, String name) {
        return AnalyzedMessages.on(Channel.WHATSAPP).from(name, phone, email)
                .says(TEXT, Intent.BUY, Urgency.HIGH)
                .extracted(new Analysis.ExtractedData("sofa", 3, null, "Lahore", null, List.of(), List.of()))
                .build();
    }

    private Uni<Void> write(List<LeadAnalyzed> events) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (int from = 0; from < events.size(); from += BATCH) {
            List<LeadAnalyzed> batch = events.subList(from, Math.min(events.size(), from + BATCH));
            all = all.chain(() -> writer.store(batch).replaceWithVoid());
        }
        return all;
    }

    /** The same lead rows, 500 per INSERT, each batch its own transaction: the physical limit underneath. */
    private Uni<Void> rawInserts(List<LeadAnalyzed> events) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (int from = 0; from < events.size(); from += BATCH) {
            List<LeadAnalyzed> batch = events.subList(from, Math.min(events.size(), from + BATCH));
            all = all.chain(() -> pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO bench_leads (user_name, "
                            + "user_email, user_phone, channel, message, intent, urgency, score, quality, created_at, "
                            + "last_message_at, message_count, score_breakdown, lead_key) "
                            + "SELECT n, e, p, 'whatsapp', m, 'Buy', 'High', 84, 'HOT', t, t, 1, b::jsonb, p "
                            + "FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[]) "
                            + "AS u(n, e, p, m, t, b)")
                    .execute(tuple(
                            batch.stream().map(e -> e.message().senderName()).toArray(String[]::new),
                            batch.stream().map(e -> e.message().email()).toArray(String[]::new),
                            batch.stream().map(e -> e.message().phone()).toArray(String[]::new),
                            batch.stream().map(e -> e.message().text()).toArray(String[]::new),
                            batch.stream().map(e -> OffsetDateTime.ofInstant(e.message().receivedAt(), ZoneOffset.UTC))
                                    .toArray(OffsetDateTime[]::new),
                            batch.stream().map(e -> breakdown).toArray(String[]::new)))
                    .replaceWithVoid()));
        }
        return all;
    }

    private static double perSecond(int rows, java.util.function.Supplier<Uni<Void>> work) {
        Instant start = Instant.now();
        work.get().await().atMost(Duration.ofMinutes(20));
        return rows / (Duration.between(start, Instant.now()).toNanos() / 1e9);
    }
}
