package io.leadflow.query.service;

import io.leadflow.events.LeadView;
import io.leadflow.leadquery.LeadFilter;
import io.leadflow.query.config.StreamConfig;
import io.leadflow.query.repository.LeadQueries;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * One browser's live stream: it starts listening, then replays what a reconnecting browser missed (the leads
 * changed since its {@code Last-Event-ID}, less a margin for transactions that committed late), says
 * {@code ready}, then sends each lead as it is scored or changed, with heartbeats in between. A replay too long
 * to send becomes one {@code reload} event: the browser reloads its list. Duplicates are harmless (each event is
 * the whole lead as it is now), gaps are what this avoids.
 */
@ApplicationScoped
public class LeadStream {

    private final LiveLeads live;
    private final LeadQueries leads;
    private final StreamConfig config;

    public LeadStream(LiveLeads live, LeadQueries leads, StreamConfig config) {
        this.live = live;
        this.leads = leads;
        this.config = config;
    }

    /** What the stream sends. */
    public sealed interface Event permits LeadEvent, Ready, Reload, Heartbeat {
    }

    /** A lead as it is now. */
    public record LeadEvent(long id, LeadView lead) implements Event {
    }

    /** The stream is live; {@code replayed} leads were sent to catch up. */
    public record Ready(long id, int replayed) implements Event {
    }

    /** More changed than a replay sends: reload the list. */
    public record Reload(long id) implements Event {
    }

    /** Nothing happened; the connection is alive. */
    public record Heartbeat() implements Event {
    }

    /** Every lead's events. */
    public Multi<Event> open(String lastEventId) {
        return open(lastEventId, LeadFilter.ALL);
    }

    /** The events of the leads in {@code scope} only (a share link's). */
    public Multi<Event> open(String lastEventId, LeadFilter scope) {
        UnicastProcessor<Event> pending = UnicastProcessor.create(new ArrayBlockingQueue<>(config.bufferSize()), null);
        Cancellable listening = live.events().select().where(event -> scope.matches(event.lead())).subscribe().with(
                event -> pending.onNext(new LeadEvent(event.id(), event.lead())), pending::onError, pending::onComplete);
        Multi<Event> heartbeats = Multi.createFrom().ticks().every(config.heartbeat()).map(tick -> new Heartbeat());
        Multi<Event> events = Multi.createBy().concatenating().streams(catchUp(lastEventId, scope), pending);
        return Multi.createBy().merging().streams(events, heartbeats)
                .onTermination().invoke(listening::cancel);
    }

    private Multi<Event> catchUp(String lastEventId, LeadFilter scope) {
        Long seen = parse(lastEventId);
        long now = live.nextId();
        if (seen == null) {
            return Multi.createFrom().item(new Ready(now, 0));
        }
        Instant since = Instant.ofEpochMilli(seen).minus(config.replayMargin());
        return leads.changedSince(since, config.replayLimit())
                .onItem().transformToMulti(changed -> {
                    if (changed.size() > config.replayLimit()) {
                        return Multi.createFrom().items(new Reload(now), new Ready(now, 0));
                    }
                    List<Event> replay = new ArrayList<>(changed.size() + 1);
                    changed.stream().filter(scope::matches).forEach(lead -> replay.add(new LeadEvent(now, lead)));
                    replay.add(new Ready(now, replay.size()));
                    return Multi.createFrom().iterable(replay);
                });
    }

    /** The millisecond a {@code Last-Event-ID} stands for, or null when there is none (or it is not ours). */
    static Long parse(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(lastEventId.strip());
            return id > 0 ? id : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
