package io.leadflow.scoring.service;

import io.smallrye.mutiny.Uni;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Stores a batch whole when it can, and finds the events that cannot be stored when it cannot: a batch that fails
 * permanently is split in halves, each stored on its own, down to the single event at fault, which is refused with
 * the reason. One bad event costs a few extra transactions and never blocks the others; transient failures are
 * not handled here but fail the whole call, for the caller to retry.
 */
public final class Bisection {

    private Bisection() {
    }

    /**
     * What became of one item: stored ({@code result} set) or refused ({@code refusal}: the failure it alone causes).
     */
    public record Outcome<T, R>(T item, R result, Throwable refusal) {

        public boolean stored() {
            return refusal == null;
        }
    }

    /**
     * @param items       what to store, in order
     * @param store       stores some items in one transaction, answering one result per item, in order
     * @param isPermanent whether a failure is the items' fault, not the database's or the network's for now
     * @return one outcome per item, in order
     */
    public static <T, R> Uni<List<Outcome<T, R>>> store(List<T> items, Function<List<T>, Uni<List<R>>> store,
                                                        Predicate<Throwable> isPermanent) {
        if (items.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.createFrom().deferred(() -> store.apply(items))
                .map(results -> {
                    List<Outcome<T, R>> outcomes = new ArrayList<>(items.size());
                    for (int i = 0; i < items.size(); i++) {
                        outcomes.add(new Outcome<>(items.get(i), results.get(i), null));
                    }
                    return outcomes;
                })
                .onFailure(isPermanent).recoverWithUni(failure -> {
                    if (items.size() == 1) {
                        return Uni.createFrom().item(List.of(new Outcome<>(items.get(0), null, failure)));
                    }
                    int half = items.size() / 2;
                    return store(items.subList(0, half), store, isPermanent)
                            .chain(first -> store(items.subList(half, items.size()), store, isPermanent)
                                    .map(second -> {
                                        List<Outcome<T, R>> all = new ArrayList<>(first);
                                        all.addAll(second);
                                        return all;
                                    }));
                });
    }
}
