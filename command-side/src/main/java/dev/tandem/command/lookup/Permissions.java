package dev.tandem.command.lookup;

import dev.tandem.api.common.Actor;
import dev.tandem.api.common.RefusedException;
import dev.tandem.api.common.Role;
import dev.tandem.command.lookup.RuleLookups.ChildEntry;
import java.util.Set;

/**
 * Who may act where: deny by default. A manager acts for their own setting, a key person for the
 * children they are key person of, the operator only to create settings and their first staff.
 */
public final class Permissions {

    private static final Set<Role> STAFF_ROLES = Set.of(Role.KEY_PERSON, Role.MANAGER, Role.DSL);

    private final RuleLookups lookups;

    public Permissions(RuleLookups lookups) {
        this.lookups = lookups;
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

    /** Restrictions are safeguarding decisions: a manager or a designated safeguarding lead of the setting. */
    public void requireManagerOrSafeguardingLeadOf(Actor actor, String settingId) {
        if (!holdsHere(actor, settingId, Role.MANAGER) && !holdsHere(actor, settingId, Role.DSL)) {
            throw RefusedException.forbidden("not-a-manager-or-dsl-here",
                    "Only a manager or a designated safeguarding lead of this setting may do this.");
        }
    }

    /** What is done about a concern is the designated safeguarding lead's to record. */
    public void requireSafeguardingLeadOf(Actor actor, String settingId) {
        if (!holdsHere(actor, settingId, Role.DSL)) {
            throw RefusedException.forbidden("not-a-dsl-here",
                    "Only a designated safeguarding lead of this setting may do this.");
        }
    }

    /**
     * A child's safeguarding history is read by a DSL or a manager of the child's setting; the role they
     * read it in is the one recorded (DSL first, as the history is theirs to work from).
     */
    public Role reviewerRoleIn(Actor actor, String settingId) {
        if (holdsHere(actor, settingId, Role.DSL)) {
            return Role.DSL;
        }
        if (holdsHere(actor, settingId, Role.MANAGER)) {
            return Role.MANAGER;
        }
        throw RefusedException.forbidden("not-a-manager-or-dsl-here",
                "Only a designated safeguarding lead or a manager of this child's setting may read this record.");
    }

    /** Any staff member of the setting (key person, manager or DSL), whoever's key child it is. */
    public void requireStaffOf(Actor actor, String settingId) {
        boolean staff = STAFF_ROLES.stream().anyMatch(role -> holdsHere(actor, settingId, role));
        if (!staff) {
            throw RefusedException.forbidden("not-staff-here", "Only staff of this setting may do this.");
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

    /** The role is both in the caller's token and in the lookups, for this setting. */
    private boolean holdsHere(Actor actor, String settingId, Role role) {
        return actor.is(role) && lookups.staff(actor.id())
                .filter(staff -> staff.settingId().equals(settingId) && staff.is(role))
                .isPresent();
    }

    public boolean isManagerOf(Actor actor, String settingId) {
        return holdsHere(actor, settingId, Role.MANAGER);
    }
}
