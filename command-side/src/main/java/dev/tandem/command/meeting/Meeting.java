package dev.tandem.command.meeting;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.tandem.api.common.Actor;
import dev.tandem.api.common.RefusedException;
import dev.tandem.api.meeting.BookMeeting;
import dev.tandem.api.meeting.CancelMeeting;
import dev.tandem.api.meeting.MeetingBooked;
import dev.tandem.api.meeting.MeetingCancelled;
import dev.tandem.api.meeting.MeetingRescheduled;
import dev.tandem.api.meeting.RescheduleMeeting;
import dev.tandem.command.lookup.Permissions;
import dev.tandem.command.lookup.RuleLookups;
import dev.tandem.command.lookup.RuleLookups.ChildEntry;
import dev.tandem.command.update.Update;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A meeting of a family with their child's key person. It is with whoever is the child's key person
 * when it is booked, never in the past, and never overlapping another of that key person's meetings
 * (read from the {@link RuleLookups}, whose row for the key person is locked while the rule is checked).
 */
@Aggregate
public class Meeting extends Update {

    private String keyPersonId;
    private Instant startsAt;
    private int durationMinutes;
    private boolean cancelled;

    protected Meeting() {
        // for Axon
    }

    @CommandHandler
    public Meeting(BookMeeting command, RuleLookups lookups, Permissions permissions, Clock clock) {
        ChildEntry child = sharedAbout(command.childId(), command.actor(), lookups, permissions);
        requireFreeFuture(lookups, clock, child.keyPersonId(), command.startsAt(), command.durationMinutes(), null);
        apply(new MeetingBooked(command.meetingId(), child.childId(), child.familyId(), child.settingId(),
                child.keyPersonId(), command.actor().id(), command.startsAt(), command.durationMinutes(),
                command.location(), command.purpose(), clock.instant()));
    }

    @CommandHandler
    void handle(RescheduleMeeting command, RuleLookups lookups, Permissions permissions, Clock clock) {
        requireChangeable(command.actor(), lookups, permissions);
        if (cancelled) {
            throw RefusedException.conflict("meeting-cancelled", "This meeting was cancelled.");
        }
        if (command.startsAt().equals(startsAt) && command.durationMinutes() == durationMinutes) {
            return;
        }
        requireFreeFuture(lookups, clock, keyPersonId, command.startsAt(), command.durationMinutes(), updateId());
        apply(new MeetingRescheduled(updateId(), childId(), familyId(), settingId(), keyPersonId, startsAt,
                command.startsAt(), command.durationMinutes(), command.actor().id(), clock.instant()));
    }

    @CommandHandler
    void handle(CancelMeeting command, RuleLookups lookups, Permissions permissions, Clock clock) {
        requireChangeable(command.actor(), lookups, permissions);
        if (cancelled) {
            return;
        }
        apply(new MeetingCancelled(updateId(), childId(), familyId(), settingId(), keyPersonId, startsAt, command.reason(),
                command.actor().id(), clock.instant()));
    }

    private static void requireFreeFuture(RuleLookups lookups, Clock clock, String keyPersonId, Instant startsAt,
                                          int durationMinutes, String excludedMeetingId) {
        if (startsAt.isBefore(clock.instant())) {
            throw RefusedException.conflict("meeting-in-the-past", "A meeting cannot start in the past.");
        }
        Instant endsAt = startsAt.plus(Duration.ofMinutes(durationMinutes));
        if (lookups.hasOverlappingMeeting(keyPersonId, startsAt, endsAt, excludedMeetingId)) {
            throw RefusedException.conflict("meeting-overlaps", "The key person has another meeting at that time.");
        }
    }

    /** Not withdrawn, and changed by the child's key person now or a manager of the setting, as for booking. */
    private void requireChangeable(Actor actor, RuleLookups lookups, Permissions permissions) {
        sharedAbout(childId(), actor, lookups, permissions);
        requireNotWithdrawn();
    }

    @EventSourcingHandler
    void on(MeetingBooked event) {
        sharedWith(event.meetingId(), event.settingId(), event.childId(), event.familyId(), event.authorId());
        keyPersonId = event.keyPersonId();
        startsAt = event.startsAt();
        durationMinutes = event.durationMinutes();
    }

    @EventSourcingHandler
    void on(MeetingRescheduled event) {
        startsAt = event.startsAt();
        durationMinutes = event.durationMinutes();
    }

    @EventSourcingHandler
    void on(MeetingCancelled event) {
        cancelled = true;
    }
}
