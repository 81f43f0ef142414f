package dev.tandem.command.observation;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.tandem.api.observation.ObservationShared;
import dev.tandem.api.observation.ShareObservation;
import dev.tandem.command.lookup.Permissions;
import dev.tandem.command.lookup.RuleLookups;
import dev.tandem.command.lookup.RuleLookups.ChildEntry;
import dev.tandem.command.update.Update;
import java.time.Clock;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.spring.stereotype.Aggregate;

/** What a key person saw a child do, with the EYFS areas of learning it shows and the next steps. */
@Aggregate
public class Observation extends Update {

    protected Observation() {
        // for Axon
    }

    @CommandHandler
    public Observation(ShareObservation command, RuleLookups lookups, Permissions permissions, Clock clock) {
        ChildEntry child = sharedAbout(command.childId(), command.actor(), lookups, permissions);
        apply(new ObservationShared(command.updateId(), child.childId(), child.familyId(), child.settingId(),
                command.actor().id(), command.text(), Set.copyOf(command.areas()), command.nextSteps(), clock.instant()));
    }

    @EventSourcingHandler
    void on(ObservationShared event) {
        sharedWith(event.updateId(), event.settingId(), event.childId(), event.familyId(), event.authorId());
    }
}
