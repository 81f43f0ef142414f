package dev.tandem.command.child;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.tandem.api.child.CarerRestricted;
import dev.tandem.api.child.CarerRestrictionLifted;
import dev.tandem.api.child.ChildLeft;
import dev.tandem.api.child.ChildRegistered;
import dev.tandem.api.child.EraseSafeguardingRecord;
import dev.tandem.api.child.RecordLeaving;
import dev.tandem.api.child.RegisterChild;
import dev.tandem.api.child.SafeguardingRecordErased;
import dev.tandem.api.child.SetCarerRestriction;
import dev.tandem.api.common.PersonalData;
import dev.tandem.api.common.RefusedException;
import dev.tandem.api.common.Role;
import dev.tandem.api.concern.ConcernAction;
import dev.tandem.api.concern.ConcernActionRecorded;
import dev.tandem.api.concern.ConcernRecorded;
import dev.tandem.api.concern.ConcernStatus;
import dev.tandem.api.concern.RecordConcern;
import dev.tandem.api.concern.RecordConcernAction;
import dev.tandem.api.safeguarding.RecordHistoryExport;
import dev.tandem.api.safeguarding.RecordHistoryView;
import dev.tandem.api.safeguarding.SafeguardingHistoryExported;
import dev.tandem.api.safeguarding.SafeguardingHistoryViewed;
import dev.tandem.command.lookup.RuleLookups;
import dev.tandem.command.lookup.Permissions;
import dev.tandem.command.privacy.FamilyErasure;
import dev.tandem.support.privacy.SubjectKeys;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A child at a setting, in a room, with a key person and a family; and the child's own safeguarding
 * record: the carers barred from the child, the concerns staff recorded and what the DSLs did about
 * them, and every time someone read or exported that record.
 */
@Aggregate
public class Child {

    @AggregateIdentifier
    private String childId;
    private String settingId;
    private String familyId;
    private final Set<String> restrictedCarers = new HashSet<>();
    private final Map<String, ConcernStatus> concerns = new HashMap<>();
    private boolean safeguardingRecordErased;

    protected Child() {
        // for Axon
    }

    @CommandHandler
    public Child(RegisterChild command, RuleLookups lookups, Permissions permissions) {
        String settingId = command.settingId();
        if (!lookups.settingExists(settingId)) {
            throw RefusedException.notFound("unknown-setting", "There is no setting " + settingId + ".");
        }
        permissions.requireManagerOf(command.actor(), settingId);
        requireInSetting(lookups.settingOfFamily(command.familyId()), settingId, "unknown-family",
                "There is no family " + command.familyId() + " at this setting.");
        requireInSetting(lookups.settingOfRoom(command.roomId()), settingId, "unknown-room",
                "There is no room " + command.roomId() + " at this setting.");
        RuleLookups.StaffEntry keyPerson = lookups.staff(command.keyPersonId())
                .filter(staff -> staff.settingId().equals(settingId))
                .orElseThrow(() -> RefusedException.notFound("unknown-staff",
                        "There is no staff member " + command.keyPersonId() + " at this setting."));
        if (!keyPerson.is(Role.KEY_PERSON)) {
            throw RefusedException.conflict("not-a-key-person", "That staff member does not hold the key person role.");
        }
        apply(new ChildRegistered(command.childId(), settingId, command.familyId(), command.roomId(),
                command.keyPersonId(), command.name(), command.dateOfBirth(), command.actor().id()));
    }

    /**
     * Bars a carer of the child's family from the child, or lifts the bar. A carer of another family
     * has nothing here to be barred from, so is refused as unknown. Stating what already holds changes
     * nothing, so a repeated request is harmless.
     */
    @CommandHandler
    void handle(SetCarerRestriction command, RuleLookups lookups, Permissions permissions, Clock clock) {
        permissions.requireManagerOrSafeguardingLeadOf(command.actor(), settingId);
        boolean carerOfFamily = lookups.carer(command.carerId())
                .filter(carer -> carer.familyId().equals(familyId))
                .isPresent();
        if (!carerOfFamily) {
            throw RefusedException.notFound("unknown-carer",
                    "There is no carer " + command.carerId() + " in this child's family.");
        }
        if (command.restricted() == restrictedCarers.contains(command.carerId())) {
            return;
        }
        String by = command.actor().id();
        if (command.restricted()) {
            apply(new CarerRestricted(childId, familyId, settingId, command.carerId(), command.reason(), by,
                    clock.instant()));
        } else {
            apply(new CarerRestrictionLifted(childId, familyId, settingId, command.carerId(), command.reason(), by,
                    clock.instant()));
        }
    }

    /**
     * A safeguarding concern, recorded by any staff member of the child's setting. It belongs to the
     * child's own record: it is never notified, never part of a family's timeline, and only DSLs and
     * the safeguarding history see it (the query side and notifier do not follow this event for families).
     */
    @CommandHandler
    void handle(RecordConcern command, Permissions permissions, Clock clock) {
        permissions.requireStaffOf(command.actor(), settingId);
        apply(new ConcernRecorded(command.concernId(), childId, familyId, settingId, command.category(),
                command.text(), command.actor().id(), clock.instant()));
    }

    /**
     * What a DSL did about one of this child's concerns. A closed concern takes only {@code REOPENED}, and
     * only a closed one can be reopened, so the concern's story reads in order.
     */
    @CommandHandler
    void handle(RecordConcernAction command, Permissions permissions, Clock clock) {
        permissions.requireSafeguardingLeadOf(command.actor(), settingId);
        ConcernStatus status = concerns.get(command.concernId());
        if (status == null) {
            throw RefusedException.notFound("unknown-concern", "There is no concern " + command.concernId() + ".");
        }
        if (status == ConcernStatus.CLOSED && command.action() != ConcernAction.REOPENED) {
            throw RefusedException.conflict("concern-closed",
                    "This concern is closed; reopen it before recording another action.");
        }
        if (status == ConcernStatus.OPEN && command.action() == ConcernAction.REOPENED) {
            throw RefusedException.conflict("concern-not-closed", "This concern is open; only a closed one can be reopened.");
        }
        apply(new ConcernActionRecorded(command.actionId(), command.concernId(), childId, settingId, command.action(),
                command.note(), command.actor().id(), clock.instant()));
    }

    /**
     * A DSL or a manager of the child's setting is about to read the child's safeguarding history. The
     * viewing is stored before anything is shown: if it cannot be, the history is not shown.
     */
    @CommandHandler
    void handle(RecordHistoryView command, Permissions permissions, Clock clock) {
        Role role = permissions.reviewerRoleIn(command.actor(), settingId);
        apply(new SafeguardingHistoryViewed(command.viewId(), childId, settingId, command.actor().id(), role,
                command.reason(), command.query(), clock.instant()));
    }

    @CommandHandler
    void handle(RecordHistoryExport command, Permissions permissions, Clock clock) {
        Role role = permissions.reviewerRoleIn(command.actor(), settingId);
        apply(new SafeguardingHistoryExported(command.exportId(), childId, settingId, command.actor().id(), role,
                command.format(), command.reason(), command.query(), clock.instant()));
    }

    /** A manager records the day the child leaves; no earlier than a century ago, no later than a year ahead. */
    @CommandHandler
    void handle(RecordLeaving command, Permissions permissions, Clock clock) {
        permissions.requireManagerOf(command.actor(), settingId);
        LocalDate today = LocalDate.now(clock);
        if (command.leftOn().isAfter(today.plusYears(1)) || command.leftOn().isBefore(today.minusYears(100))) {
            throw RefusedException.conflict("leaving-date-out-of-range",
                    "A child's leaving date is within a year from today, not further.");
        }
        apply(new ChildLeft(childId, settingId, familyId, command.leftOn(), command.actor().id(), clock.instant()));
    }

    /**
     * The daily sweep ends the child's safeguarding record at the setting's safeguarding age: the child's key
     * is shredded in this command's transaction, so the record reads as erased from now on.
     */
    @CommandHandler
    void handle(EraseSafeguardingRecord command, SubjectKeys keys, Clock clock) {
        if (safeguardingRecordErased) {
            return;
        }
        keys.erase(PersonalData.Subject.CHILD.keyName(childId));
        apply(new SafeguardingRecordErased(childId, settingId, FamilyErasure.SAFEGUARDING_RULE, command.untilAge(),
                clock.instant()));
    }

    private static void requireInSetting(Optional<String> actual, String settingId, String code, String message) {
        if (actual.filter(settingId::equals).isEmpty()) {
            throw RefusedException.notFound(code, message);
        }
    }

    @EventSourcingHandler
    void on(ChildRegistered event) {
        childId = event.childId();
        settingId = event.settingId();
        familyId = event.familyId();
    }

    @EventSourcingHandler
    void on(CarerRestricted event) {
        restrictedCarers.add(event.carerId());
    }

    @EventSourcingHandler
    void on(CarerRestrictionLifted event) {
        restrictedCarers.remove(event.carerId());
    }

    @EventSourcingHandler
    void on(ConcernRecorded event) {
        concerns.put(event.concernId(), ConcernStatus.OPEN);
    }

    @EventSourcingHandler
    void on(ConcernActionRecorded event) {
        if (event.action() == ConcernAction.CLOSED) {
            concerns.put(event.concernId(), ConcernStatus.CLOSED);
        } else if (event.action() == ConcernAction.REOPENED) {
            concerns.put(event.concernId(), ConcernStatus.OPEN);
        }
    }

    @EventSourcingHandler
    void on(SafeguardingRecordErased event) {
        safeguardingRecordErased = true;
    }
}
