package dev.tandem.command.announcement;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.tandem.api.announcement.AnnouncementBroadcast;
import dev.tandem.api.announcement.AnnouncementBroadcast.Recipient;
import dev.tandem.api.announcement.BroadcastAnnouncement;
import dev.tandem.api.common.Actor;
import dev.tandem.api.common.RefusedException;
import dev.tandem.api.common.Role;
import dev.tandem.command.lookup.Permissions;
import dev.tandem.command.lookup.RuleLookups;
import dev.tandem.command.lookup.RuleLookups.ChildEntry;
import dev.tandem.command.update.Update;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * News for a room (from a key person of a child in it, or a manager of its setting) or for a whole
 * setting (from its managers). It goes to the families with a child there when it is broadcast, each
 * once, and knows through which of their children it reached each of them.
 */
@Aggregate
public class Announcement extends Update {

    protected Announcement() {
        // for Axon
    }

    @CommandHandler
    public Announcement(BroadcastAnnouncement command, RuleLookups lookups, Permissions permissions, Clock clock) {
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

    @EventSourcingHandler
    void on(AnnouncementBroadcast event) {
        sharedWith(event.updateId(), event.settingId(), event.authorId(), event.recipients().stream()
                .collect(Collectors.toMap(Recipient::familyId, recipient -> Set.copyOf(recipient.childIds()))));
    }
}
