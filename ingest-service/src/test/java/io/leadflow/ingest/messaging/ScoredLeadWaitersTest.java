package io.leadflow.ingest.messaging;

import io.leadflow.events.LeadScored;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ScoredLeadWaitersTest {

    private final ScoredLeadWaiters waiters = new ScoredLeadWaiters();

    @Test
    void aScoredLeadWithoutMessageId_isIgnored_andTheWaitersStillGetTheirs() {
        ScoredLeadWaiters.Waiter waiter = waiters.register("msg-1");

        waiters.scored("{\"leadKey\":\"phone:+923001234567\"}");
        waiters.scored("{\"messageId\":\"msg-1\",\"leadKey\":\"phone:+923001234567\"}");

        Optional<LeadScored> scored = waiter.await(Duration.ofSeconds(1)).await().indefinitely();
        assertThat(scored).map(LeadScored::messageId).contains("msg-1");
    }

    @Test
    void anUnreadableRecord_isIgnored() {
        ScoredLeadWaiters.Waiter waiter = waiters.register("msg-2");

        waiters.scored("not json");

        assertThat(waiter.await(Duration.ofMillis(50)).await().indefinitely()).isEmpty();
    }
}
