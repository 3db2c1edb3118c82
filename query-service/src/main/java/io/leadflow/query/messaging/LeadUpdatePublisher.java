package io.leadflow.query.messaging;

import io.leadflow.events.EventJson;
import io.leadflow.events.LeadUpdated;
import io.leadflow.events.Mask;
import io.leadflow.query.repository.LeadStatusWriter;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.util.UUID;

/**
 * Publishes a salesperson's change to lead.updated.v1 (keyed by the lead key), waiting for the broker's
 * acknowledgement. The change is already committed: when the broker cannot take the event, the change stands
 * and other dashboards see it at their next refresh, so the failure is logged, not returned.
 */
@ApplicationScoped
public class LeadUpdatePublisher {

    private final MutinyEmitter<String> out;

    public LeadUpdatePublisher(@Channel("lead-updated") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
                               MutinyEmitter<String> out) {
        this.out = out;
    }

    public Uni<Void> publish(LeadStatusWriter.Changed changed, String note) {
        LeadUpdated event = new LeadUpdated("update-" + UUID.randomUUID(), changed.leadKey(), changed.lead().channel(),
                changed.at(), changed.lead(), changed.statusFrom(), note);
        return Uni.createFrom().deferred(() -> out.sendMessage(Message.of(EventJson.write(event))
                        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(changed.leadKey()).build())))
                .onFailure().recoverWithUni(failure -> {
                    Log.warnf("Lead %d (%s) changed, but its lead.updated.v1 event was not published: %s",
                            changed.lead().id(), Mask.leadKey(changed.leadKey()), failure.toString());
                    return Uni.createFrom().voidItem();
                });
    }
}
