package dev.tandem.command.child;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.tandem.api.child.ChildRegistered;
import dev.tandem.api.child.RegisterChild;
import dev.tandem.api.common.RefusedException;
import dev.tandem.api.common.Role;
import dev.tandem.command.lookup.Directory;
import dev.tandem.command.lookup.Permissions;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A child at a setting, in a room, with a key person and a family. */
@Aggregate
public class Child {

    @AggregateIdentifier
    private String childId;

    protected Child() {
        // for Axon
    }

    @CommandHandler
    public Child(RegisterChild command, Directory directory, Permissions permissions) {
        String settingId = command.settingId();
        if (!directory.settingExists(settingId)) {
            throw RefusedException.notFound("unknown-setting", "There is no setting " + settingId + ".");
        }
        permissions.requireManagerOf(command.actor(), settingId);
        requireInSetting(directory.settingOfFamily(command.familyId()), settingId, "unknown-family",
                "There is no family " + command.familyId() + " at this setting.");
        requireInSetting(directory.settingOfRoom(command.roomId()), settingId, "unknown-room",
                "There is no room " + command.roomId() + " at this setting.");
        Directory.StaffEntry keyPerson = directory.staff(command.keyPersonId())
                .filter(staff -> staff.settingId().equals(settingId))
                .orElseThrow(() -> RefusedException.notFound("unknown-staff",
                        "There is no staff member " + command.keyPersonId() + " at this setting."));
        if (!keyPerson.is(Role.KEY_PERSON)) {
            throw RefusedException.conflict("not-a-key-person", "That staff member does not hold the key person role.");
        }
        apply(new ChildRegistered(command.childId(), settingId, command.familyId(), command.roomId(),
                command.keyPersonId(), command.name(), command.dateOfBirth(), command.actor().id()));
    }

    private static void requireInSetting(Optional<String> actual, String settingId, String code, String message) {
        if (actual.filter(settingId::equals).isEmpty()) {
            throw RefusedException.notFound(code, message);
        }
    }

    @EventSourcingHandler
    void on(ChildRegistered event) {
        childId = event.childId();
    }
}
