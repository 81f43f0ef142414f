package dev.tandem.command.lookup;

import dev.tandem.api.common.Actor;
import dev.tandem.api.common.RefusedException;
import dev.tandem.api.common.Role;
import dev.tandem.command.lookup.Directory.ChildEntry;

/**
 * Who may act where: deny by default. A manager acts for their own setting, a key person for the
 * children they are key person of, the operator only to create settings and their first staff.
 */
public final class Permissions {

    private final Directory directory;

    public Permissions(Directory directory) {
        this.directory = directory;
    }

    public void requireManagerOf(Actor actor, String settingId) {
        if (!isManagerOf(actor, settingId)) {
            throw RefusedException.forbidden("not-a-manager-here", "Only a manager of this setting may do this.");
        }
    }

    public void requireOperatorOrManagerOf(Actor actor, String settingId) {
        if (!actor.is(Role.ADMIN) && !isManagerOf(actor, settingId)) {
            throw RefusedException.forbidden("not-a-manager-here",
                    "Only the platform operator or a manager of this setting may do this.");
        }
    }

    /** Only the child's key person, or a manager of the child's setting, shares about a child. */
    public void requireMayShareAbout(Actor actor, ChildEntry child) {
        boolean keyPerson = actor.is(Role.KEY_PERSON) && actor.id().equals(child.keyPersonId());
        if (!keyPerson && !isManagerOf(actor, child.settingId())) {
            throw RefusedException.forbidden("not-key-person",
                    "Only this child's key person or a manager of the setting may share about this child.");
        }
    }

    public boolean isManagerOf(Actor actor, String settingId) {
        return actor.is(Role.MANAGER) && directory.staff(actor.id())
                .filter(staff -> staff.settingId().equals(settingId) && staff.is(Role.MANAGER))
                .isPresent();
    }
}
