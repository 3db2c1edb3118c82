package io.leadflow.bench;

import io.leadflow.testinfra.generate.LeadGenerator;

import java.sql.SQLException;
import java.time.Duration;

/** Realistic leads written straight into the database (test-infra's generator), and the rollups brought up to date. */
final class LeadData {

    private LeadData() {
    }

    static void generate(Database db, long count, Progress progress) throws SQLException, InterruptedException {
        long step = Math.max(1, count / 10);
        LeadGenerator.Summary summary = new LeadGenerator(LeadGenerator.Options.of((int) count)).write(db::connect,
                written -> {
                    if (written % step < 20_000 || written == count) {
                        progress.step("query: " + written + " of " + count + " leads generated");
                    }
                });
        progress.step("query: generated " + summary.leads() + " leads, " + summary.messages() + " messages in "
                + summary.took().toSeconds() + " s; waiting for query-service to fold the rollups");
        awaitRollupsFolded(db, Duration.ofMinutes(3));
    }

    /** query-service folds rollup deltas every second; stats measured before that would pay for the first fold. */
    private static void awaitRollupsFolded(Database db, Duration limit) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (db.count("SELECT count(*) FROM lead_rollup_delta") > 0 && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
    }
}
