package io.leadflow.scoring.service;

import io.leadflow.events.EventJson;
import io.leadflow.events.ScoreBreakdown;
import io.leadflow.scoring.Db;
import io.leadflow.testinfra.LeadflowTestResource;
import io.leadflow.testinfra.TestPostgres;
import io.leadflow.testinfra.generate.LeadGenerator;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * test-infra's generated leads are what scoring makes of them: the service's own rescoring, reading each generated
 * conversation back from the database, computes the very breakdown the generator stored.
 */
@QuarkusTest
@TestProfile(GeneratedLeadsTest.NoScheduledSweep.class)
@WithTestResource(value = LeadflowTestResource.class, initArgs = @ResourceArg(name = "database", value = "empty"))
class GeneratedLeadsTest {

    private static final Duration WAIT = Duration.ofMinutes(2);

    /** The test rescores at the moments it chooses; a scheduled sweep at its own moment would rescore under it. */
    public static class NoScheduledSweep implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("leadflow.scoring.decay.sweep-interval", "off");
        }
    }

    @Inject
    Rescoring rescoring;

    @Test
    void generatedLeads_areScoredAsTheServiceScoresThem_andTheFirstSweepChangesOnlyTheirDecay() throws Exception {
        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        new LeadGenerator(LeadGenerator.Options.of(2_000).withSeed(15).withEnd(end).withDays(60).withWriters(1))
                .write(TestPostgres::connect, written -> { });
        List<Long> ids = Db.rows("SELECT DISTINCT lead_id FROM message WHERE external_id LIKE 'gen-%' ORDER BY lead_id")
                .stream().map(row -> (Long) row.get("lead_id")).toList();
        assertThat(ids).hasSize(2_000);
        Map<Long, Map<String, Object>> generated = scores(ids);

        rescoring.rescore(ids, end).await().atMost(WAIT);

        Map<Long, Map<String, Object>> rescored = scores(ids);
        List<Long> changed = ids.stream().filter(id -> !rescored.get(id).equals(generated.get(id))).toList();
        assertThat(changed).as(() -> "generated leads the service, rescoring them from their stored conversations as of "
                + "the generation's end, scores otherwise; the first as generated: " + generated.get(changed.get(0))
                + ", as rescored: " + rescored.get(changed.get(0))).isEmpty();

        rescoring.sweepDecay(end.plus(Duration.ofDays(2))).await().atMost(WAIT);

        Map<Long, Map<String, Object>> swept = scores(ids);
        assertThat(ids).as("the sweep two days on finds leads that cooled down")
                .anyMatch(id -> !swept.get(id).equals(generated.get(id)));
        for (long id : ids) {
            assertThat(withoutDecay(swept.get(id))).as("lead %d, all but its decay", id).isEqualTo(withoutDecay(generated.get(id)));
        }
    }

    /** Each lead's score columns as stored, by id. */
    private static Map<Long, Map<String, Object>> scores(List<Long> ids) {
        return Db.rows("SELECT id, score, quality, intent, urgency, score_breakdown::text AS breakdown FROM leads "
                        + "WHERE id = ANY(?)", (Object) ids.toArray(Long[]::new)).stream()
                .collect(Collectors.toMap(row -> (Long) row.get("id"), Function.identity()));
    }

    /** A lead's intent, urgency and the factors of its breakdown other than decay. */
    private static List<Object> withoutDecay(Map<String, Object> lead) {
        return List.of(lead.get("intent"), lead.get("urgency"),
                EventJson.read((String) lead.get("breakdown"), ScoreBreakdown.class).factors().stream()
                        .filter(factor -> !factor.name().equals("decay")).toList());
    }
}
