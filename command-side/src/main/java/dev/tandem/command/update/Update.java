package dev.tandem.command.update;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.tandem.api.announcement.AnnouncementBroadcast;
import dev.tandem.api.announcement.AnnouncementBroadcast.Recipient;
import dev.tandem.api.announcement.BroadcastAnnouncement;
import dev.tandem.api.common.Actor;
import dev.tandem.api.common.RefusedException;
import dev.tandem.api.common.Role;
import dev.tandem.api.feedback.FeedbackGiven;
import dev.tandem.api.feedback.GiveFeedback;
import dev.tandem.api.meeting.BookMeeting;
import dev.tandem.api.meeting.CancelMeeting;
import dev.tandem.api.meeting.MeetingBooked;
import dev.tandem.api.meeting.MeetingCancelled;
import dev.tandem.api.meeting.MeetingRescheduled;
import dev.tandem.api.meeting.RescheduleMeeting;
import dev.tandem.api.observation.ObservationShared;
import dev.tandem.api.observation.ShareObservation;
import dev.tandem.api.reply.ParentReplied;
import dev.tandem.api.reply.RecordParentReply;
import dev.tandem.api.update.AcknowledgeUpdate;
import dev.tandem.api.update.UpdateAcknowledged;
import dev.tandem.api.update.UpdateWithdrawn;
import dev.tandem.api.update.WithdrawUpdate;
import dev.tandem.command.lookup.RuleLookups;
import dev.tandem.command.lookup.RuleLookups.CarerEntry;
import dev.tandem.command.lookup.RuleLookups.ChildEntry;
import dev.tandem.command.lookup.Permissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * Everything staff share with families: an observation, a meeting, feedback or an announcement, with
 * the carers' replies and acknowledgements and its withdrawal.
 *
 * <p>One aggregate rather than one per kind, because replies, acknowledgements and withdrawal apply to
 * all of them alike and the contract gives them one id space ({@code /api/updates/{id}/...}); a
 * meeting's id is its update id. The update knows its audience from the moment it is shared: the
 * child's family, or an announcement's recipient families with the children through whom it reached
 * them. Rules that span updates (a key person's meetings must not overlap) read the {@link RuleLookups}.
 */
@Aggregate
public class Update {

    private enum Kind { OBSERVATION, MEETING, FEEDBACK, ANNOUNCEMENT }

    @AggregateIdentifier
    private String updateId;
    private Kind kind;
    private String settingId;
    private String childId;
    private String authorId;
    /** Each family the update went to, with the children it is about for that family. */
    private final Map<String, Set<String>> audience = new HashMap<>();
    private final Set<String> replies = new HashSet<>();
    private final Set<String> acknowledgedBy = new HashSet<>();
    private boolean withdrawn;
    private String keyPersonId;
    private Instant startsAt;
    private int durationMinutes;
    private boolean cancelled;

    protected Update() {
        // for Axon
    }

    @CommandHandler
    public Update(ShareObservation command, RuleLookups lookups, Permissions permissions, Clock clock) {
        ChildEntry child = sharedAbout(command.childId(), command.actor(), lookups, permissions);
        apply(new ObservationShared(command.updateId(), child.childId(), child.familyId(), child.settingId(),
                command.actor().id(), command.text(), Set.copyOf(command.areas()), command.nextSteps(), clock.instant()));
    }

    /** The meeting is with whoever is the child's key person when it is booked. */
    @CommandHandler
    public Update(BookMeeting command, RuleLookups lookups, Permissions permissions, Clock clock) {
        ChildEntry child = sharedAbout(command.childId(), command.actor(), lookups, permissions);
        requireFreeFuture(lookups, clock, child.keyPersonId(), command.startsAt(), command.durationMinutes(), null);
        apply(new MeetingBooked(command.meetingId(), child.childId(), child.familyId(), child.settingId(),
                child.keyPersonId(), command.actor().id(), command.startsAt(), command.durationMinutes(),
                command.location(), command.purpose(), clock.instant()));
    }

    @CommandHandler
    public Update(GiveFeedback command, RuleLookups lookups, Permissions permissions, Clock clock) {
        ChildEntry child = sharedAbout(command.childId(), command.actor(), lookups, permissions);
        if (command.inReplyTo() != null && !answersFamily(command.inReplyTo(), child.familyId(), lookups)) {
            throw RefusedException.conflict("in-reply-to-unknown",
                    "Feedback can answer only an update or a reply of this child's family.");
        }
        apply(new FeedbackGiven(command.updateId(), child.childId(), child.familyId(), child.settingId(),
                command.actor().id(), command.text(), command.inReplyTo(), clock.instant()));
    }

    /**
     * To a room (a key person of a child in it, or a manager of its setting) or to a whole setting (its
     * managers). The recipients are the families with a child there now, each once.
     */
    @CommandHandler
    public Update(BroadcastAnnouncement command, RuleLookups lookups, Permissions permissions, Clock clock) {
        Actor actor = command.actor();
        String settingId;
        List<ChildEntry> children;
        if (command.roomId() != null) {
            settingId = lookups.settingOfRoom(command.roomId())
                    .filter(found -> command.settingId() == null || found.equals(command.settingId()))
                    .orElseThrow(() -> RefusedException.notFound("unknown-room", "There is no room " + command.roomId() + "."));
            children = lookups.childrenInRoom(command.roomId());
            boolean keyPersonInRoom = actor.is(Role.KEY_PERSON)
                    && children.stream().anyMatch(child -> actor.id().equals(child.keyPersonId()));
            if (!keyPersonInRoom && !permissions.isManagerOf(actor, settingId)) {
                throw RefusedException.forbidden("not-key-person-in-room",
                        "Only a key person of a child in this room or a manager of the setting may announce to it.");
            }
        } else {
            settingId = command.settingId();
            if (!lookups.settingExists(settingId)) {
                throw RefusedException.notFound("unknown-setting", "There is no setting " + settingId + ".");
            }
            permissions.requireManagerOf(actor, settingId);
            children = lookups.childrenInSetting(settingId);
        }
        Map<String, Set<String>> byFamily = new TreeMap<>();
        children.forEach(child -> byFamily.computeIfAbsent(child.familyId(), family -> new TreeSet<>()).add(child.childId()));
        if (byFamily.isEmpty()) {
            throw RefusedException.conflict("announcement-without-families", "There is no family to announce to here.");
        }
        List<Recipient> recipients = byFamily.entrySet().stream()
                .map(entry -> new Recipient(entry.getKey(), Set.copyOf(entry.getValue())))
                .toList();
        apply(new AnnouncementBroadcast(command.updateId(), settingId, command.roomId(), actor.id(), command.title(),
                command.text(), command.eventDate(), command.urgent(), recipients, clock.instant()));
    }

    @CommandHandler
    void handle(RescheduleMeeting command, RuleLookups lookups, Permissions permissions, Clock clock) {
        requireChangeableMeeting(command.actor(), lookups, permissions);
        if (cancelled) {
            throw RefusedException.conflict("meeting-cancelled", "This meeting was cancelled.");
        }
        if (command.startsAt().equals(startsAt) && command.durationMinutes() == durationMinutes) {
            return;
        }
        requireFreeFuture(lookups, clock, keyPersonId, command.startsAt(), command.durationMinutes(), updateId);
        apply(new MeetingRescheduled(updateId, childId, familyId(), settingId, keyPersonId, startsAt,
                command.startsAt(), command.durationMinutes(), command.actor().id(), clock.instant()));
    }

    @CommandHandler
    void handle(CancelMeeting command, RuleLookups lookups, Permissions permissions, Clock clock) {
        requireChangeableMeeting(command.actor(), lookups, permissions);
        if (cancelled) {
            return;
        }
        apply(new MeetingCancelled(updateId, childId, familyId(), settingId, keyPersonId, startsAt, command.reason(),
                command.actor().id(), clock.instant()));
    }

    /** From the app or by SMS; a provider's retry of the same message records nothing twice. */
    @CommandHandler
    void handle(RecordParentReply command, RuleLookups lookups, Clock clock) {
        if (replies.contains(command.replyId())) {
            return;
        }
        CarerEntry carer = requireAudience(command.carerId(), lookups);
        requireNotWithdrawn();
        apply(new ParentReplied(command.replyId(), updateId, childId, carer.familyId(), carer.carerId(), command.text(),
                command.channel(), clock.instant()));
    }

    /** Once per carer: a repeat records nothing. */
    @CommandHandler
    void handle(AcknowledgeUpdate command, RuleLookups lookups, Clock clock) {
        CarerEntry carer = requireAudience(command.actor().id(), lookups);
        if (acknowledgedBy.contains(carer.carerId())) {
            return;
        }
        requireNotWithdrawn();
        apply(new UpdateAcknowledged(updateId, childId, carer.familyId(), carer.carerId(), clock.instant()));
    }

    @CommandHandler
    void handle(WithdrawUpdate command, Permissions permissions, Clock clock) {
        Actor actor = command.actor();
        boolean author = actor.id().equals(authorId) && (actor.is(Role.KEY_PERSON) || actor.is(Role.MANAGER));
        if (!author && !permissions.isManagerOf(actor, settingId)) {
            throw RefusedException.forbidden("not-author", "Only its author or a manager of the setting may withdraw an update.");
        }
        if (withdrawn) {
            return;
        }
        apply(new UpdateWithdrawn(updateId, settingId, childId, List.copyOf(new TreeSet<>(audience.keySet())),
                command.reason(), actor.id(), clock.instant()));
    }

    private static ChildEntry sharedAbout(String childId, Actor actor, RuleLookups lookups, Permissions permissions) {
        ChildEntry child = lookups.child(childId)
                .orElseThrow(() -> RefusedException.notFound("unknown-child", "There is no child " + childId + "."));
        permissions.requireMayShareAbout(actor, child);
        return child;
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

    private static boolean answersFamily(String inReplyTo, String familyId, RuleLookups lookups) {
        return lookups.update(inReplyTo).filter(update -> update.familyIds().contains(familyId)).isPresent()
                || lookups.familyOfReply(inReplyTo).filter(familyId::equals).isPresent();
    }

    /** A meeting, not withdrawn, changed by the child's key person now or a manager of the setting, as for booking. */
    private void requireChangeableMeeting(Actor actor, RuleLookups lookups, Permissions permissions) {
        if (kind != Kind.MEETING) {
            throw RefusedException.notFound("unknown-meeting", "There is no meeting " + updateId + ".");
        }
        sharedAbout(childId, actor, lookups, permissions);
        requireNotWithdrawn();
    }

    private void requireNotWithdrawn() {
        if (withdrawn) {
            throw RefusedException.conflict("update-withdrawn", "This update was withdrawn.");
        }
    }

    /**
     * A carer of a family the update went to who may still hear about at least one of the children it
     * is about there (a carer restricted from all of them is not told, and cannot answer).
     */
    private CarerEntry requireAudience(String carerId, RuleLookups lookups) {
        CarerEntry carer = lookups.carer(carerId)
                .filter(found -> audience.containsKey(found.familyId()))
                .orElseThrow(() -> RefusedException.forbidden("not-a-carer-here",
                        "Only carers of a family this update went to may answer it."));
        if (audience.get(carer.familyId()).stream().allMatch(child -> lookups.isRestricted(child, carerId))) {
            throw RefusedException.forbidden("carer-restricted", "You cannot answer updates about this child.");
        }
        return carer;
    }

    private String familyId() {
        return audience.keySet().iterator().next();
    }

    private void sharedWith(String id, Kind kind, String settingId, String childId, String familyId, String authorId) {
        this.updateId = id;
        this.kind = kind;
        this.settingId = settingId;
        this.childId = childId;
        this.authorId = authorId;
        audience.put(familyId, Set.of(childId));
    }

    @EventSourcingHandler
    void on(ObservationShared event) {
        sharedWith(event.updateId(), Kind.OBSERVATION, event.settingId(), event.childId(), event.familyId(),
                event.authorId());
    }

    @EventSourcingHandler
    void on(MeetingBooked event) {
        sharedWith(event.meetingId(), Kind.MEETING, event.settingId(), event.childId(), event.familyId(),
                event.authorId());
        keyPersonId = event.keyPersonId();
        startsAt = event.startsAt();
        durationMinutes = event.durationMinutes();
    }

    @EventSourcingHandler
    void on(FeedbackGiven event) {
        sharedWith(event.updateId(), Kind.FEEDBACK, event.settingId(), event.childId(), event.familyId(),
                event.authorId());
    }

    @EventSourcingHandler
    void on(AnnouncementBroadcast event) {
        updateId = event.updateId();
        kind = Kind.ANNOUNCEMENT;
        settingId = event.settingId();
        authorId = event.authorId();
        event.recipients().forEach(recipient -> audience.put(recipient.familyId(), Set.copyOf(recipient.childIds())));
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

    @EventSourcingHandler
    void on(ParentReplied event) {
        replies.add(event.replyId());
    }

    @EventSourcingHandler
    void on(UpdateAcknowledged event) {
        acknowledgedBy.add(event.carerId());
    }

    @EventSourcingHandler
    void on(UpdateWithdrawn event) {
        withdrawn = true;
    }
}
