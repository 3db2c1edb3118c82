package io.leadflow.query.service;

import io.leadflow.events.LeadView;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The leads this replica hears about (scored by scoring, changed by a salesperson), fanned out to every open
 * stream. Each event gets an id that only grows: the epoch millisecond it arrived, bumped past the previous id,
 * so a browser's {@code Last-Event-ID} says up to when it has seen the leads.
 */
@ApplicationScoped
public class LiveLeads {

    private final BroadcastProcessor<LiveEvent> hub = BroadcastProcessor.create();
    private final AtomicLong lastId = new AtomicLong();

    /** A lead as it is now, with the id of the event that carries it. */
    public record LiveEvent(long id, LeadView lead) {
    }

    public void publish(LeadView lead) {
        hub.onNext(new LiveEvent(nextId(), lead));
    }

    /** Every event from now on; the subscriber must keep up (or buffer). */
    public Multi<LiveEvent> events() {
        return hub;
    }

    /** An id at least as late as now, and later than any given before. */
    public long nextId() {
        long now = System.currentTimeMillis();
        return lastId.updateAndGet(previous -> Math.max(previous + 1, now));
    }
}
