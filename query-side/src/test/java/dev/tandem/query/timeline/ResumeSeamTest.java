package dev.tandem.query.timeline;

import dev.tandem.api.timeline.TimelineChanges;
import dev.tandem.api.timeline.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/**
 * Where what was missed meets the live changes: the live subscription is open while the missed changes
 * are read, so a change may arrive both ways; it is sent once, and nothing that came live only is lost.
 */
class ResumeSeamTest {

    private static final String STORE = "0a1b2c3d";

    private static TimelineEntry entry(String id) {
        return new TimelineEntry(id, TimelineEntry.EntryType.OBSERVATION, "child-1", "Zofia", null,
                Instant.parse("2026-11-23T09:00:00Z"), null, "text", Set.of(), null, null, List.of(), List.of(),
                null, false, null, null);
    }

    private static TimelineChange live(String id, long sequence) {
        return new TimelineChange.Changed(entry(id), new StreamPosition(STORE, sequence));
    }

    private static TimelineChanges.Change missed(String id, long sequence) {
        return new TimelineChanges.Change(new StreamPosition(STORE, sequence).encode(), id, entry(id));
    }

    @Test
    void liveChangesThatTheReadBackHoldsAreLeftOutAndLaterOnesFollowIt() {
        Sinks.Many<TimelineChange> updates = Sinks.many().unicast().onBackpressureBuffer();
        Sinks.One<TimelineChanges> readBack = Sinks.one();

        StepVerifier.create(TimelineController.resume(readBack.asMono(), updates.asFlux()).map(ServerSentEvent::id))
                // Arrive live while the missed ones are still being read: 5 is in the read-back, 7 is not.
                .then(() -> updates.tryEmitNext(live("a", 5)))
                .then(() -> updates.tryEmitNext(live("b", 7)))
                .then(() -> readBack.tryEmitValue(new TimelineChanges(
                        List.of(missed("z", 4), missed("a", 5), missed("c", 6)), STORE + ".6", false)))
                .expectNext(STORE + ".4", STORE + ".5", STORE + ".6", STORE + ".6", STORE + ".7")
                .then(() -> updates.tryEmitNext(live("c", 6)))
                .then(() -> updates.tryEmitNext(live("d", 8)))
                .expectNext(STORE + ".8")
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }
}
