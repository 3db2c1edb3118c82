package io.leadflow.scoring.service;

import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BisectionTest {

    /** Stores numbers; a batch holding a negative one fails permanently, as a database refusing its data would. */
    private final List<List<Integer>> transactions = new ArrayList<>();

    private Uni<List<String>> store(List<Integer> batch) {
        transactions.add(List.copyOf(batch));
        if (batch.stream().anyMatch(n -> n < 0)) {
            return Uni.createFrom().failure(new IllegalArgumentException("negative: " + batch.stream().filter(n -> n < 0).findFirst().get()));
        }
        return Uni.createFrom().item(batch.stream().map(n -> "stored " + n).toList());
    }

    @Test
    void aBatchThatStores_isOneTransaction() {
        List<Bisection.Outcome<Integer, String>> outcomes = run(List.of(1, 2, 3));

        assertThat(outcomes).extracting(Bisection.Outcome::result).containsExactly("stored 1", "stored 2", "stored 3");
        assertThat(transactions).containsExactly(List.of(1, 2, 3));
    }

    @Test
    void onePoisonInABatch_isRefusedWithItsReason_andEveryOtherItemIsStoredInOrder() {
        List<Integer> batch = IntStream.rangeClosed(1, 100).map(n -> n == 37 ? -37 : n).boxed().toList();

        List<Bisection.Outcome<Integer, String>> outcomes = run(batch);

        assertThat(outcomes).extracting(Bisection.Outcome::item).containsExactlyElementsOf(batch);
        assertThat(outcomes).filteredOn(o -> !o.stored()).singleElement()
                .satisfies(o -> {
                    assertThat(o.item()).isEqualTo(-37);
                    assertThat(o.refusal()).hasMessage("negative: -37");
                });
        assertThat(outcomes).filteredOn(Bisection.Outcome::stored).hasSize(99)
                .allSatisfy(o -> assertThat(o.result()).isEqualTo("stored " + o.item()));
        assertThat(transactions.size()).as("a handful of transactions, not one per item").isLessThan(20);
    }

    @Test
    void severalPoisons_areAllRefused() {
        List<Bisection.Outcome<Integer, String>> outcomes = run(List.of(-1, 2, 3, -4, 5, -6));

        assertThat(outcomes).filteredOn(o -> !o.stored()).extracting(Bisection.Outcome::item).containsExactly(-1, -4, -6);
        assertThat(outcomes).filteredOn(Bisection.Outcome::stored).extracting(Bisection.Outcome::item).containsExactly(2, 3, 5);
    }

    @Test
    void aTransientFailure_failsTheWholeCall_forTheCallerToRetry() {
        Uni<List<Bisection.Outcome<Integer, String>>> call = Bisection.store(List.of(1, 2),
                batch -> Uni.createFrom().failure(new IllegalStateException("connection refused")),
                failure -> failure instanceof IllegalArgumentException);

        assertThatThrownBy(() -> call.await().atMost(Duration.ofSeconds(5))).hasMessage("connection refused");
    }

    private List<Bisection.Outcome<Integer, String>> run(List<Integer> batch) {
        return Bisection.store(batch, this::store, failure -> failure instanceof IllegalArgumentException)
                .await().atMost(Duration.ofSeconds(5));
    }
}
