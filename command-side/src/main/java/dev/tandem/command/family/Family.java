package dev.tandem.command.family;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.tandem.api.common.Actor;
import dev.tandem.api.common.Channel;
import dev.tandem.api.common.QuietHours;
import dev.tandem.api.common.RefusedException;
import dev.tandem.api.common.Role;
import dev.tandem.api.family.ApplyRetention;
import dev.tandem.api.family.CarerJoinedFamily;
import dev.tandem.api.family.CarerOptedInToSms;
import dev.tandem.api.family.CarerOptedOutOfSms;
import dev.tandem.api.family.CarerPreferencesChanged;
import dev.tandem.api.family.ChangeCarerPreferences;
import dev.tandem.api.family.DeviceRegistered;
import dev.tandem.api.family.EraseFamily;
import dev.tandem.api.family.FamilyErased;
import dev.tandem.api.family.FamilyRegistered;
import dev.tandem.api.family.NewCarer;
import dev.tandem.api.family.OptInToSms;
import dev.tandem.api.family.OptOutOfSms;
import dev.tandem.api.family.RegisterDevice;
import dev.tandem.api.family.RecordCarerMessage;
import dev.tandem.api.family.RegisterFamily;
import dev.tandem.api.reply.CarerMessageReceived;
import dev.tandem.command.account.CredentialStore;
import dev.tandem.command.lookup.RuleLookups;
import dev.tandem.command.lookup.Permissions;
import dev.tandem.command.privacy.FamilyErasure;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A family at a setting: its carers, how each wants to be told (and whether they opted out of SMS),
 * their devices, and messages from carers not tied to an update. An erased family takes no more commands.
 */
@Aggregate
public class Family {

    @AggregateIdentifier
    private String familyId;
    private String settingId;
    private final Set<String> carers = new HashSet<>();
    private final Map<String, Preference> preferences = new HashMap<>();
    private final Set<String> optedOutOfSms = new HashSet<>();
    private final Map<String, Set<String>> devices = new HashMap<>();
    private final Set<String> messages = new HashSet<>();
    private boolean erased;

    protected Family() {
        // for Axon
    }

    @CommandHandler
    public Family(RegisterFamily command, RuleLookups lookups, Permissions permissions, CredentialStore credentials) {
        if (!lookups.settingExists(command.settingId())) {
            throw RefusedException.notFound("unknown-setting", "There is no setting " + command.settingId() + ".");
        }
        permissions.requireManagerOf(command.actor(), command.settingId());
        if (command.carers().isEmpty()) {
            throw RefusedException.conflict("family-without-carer", "A family needs at least one carer.");
        }
        for (NewCarer carer : command.carers()) {
            credentials.register(carer.carerId(), carer.email(), carer.password(), List.of(Role.CARER),
                    command.settingId(), command.familyId());
        }
        apply(new FamilyRegistered(command.familyId(), command.settingId(), command.name(), command.actor().id()));
        for (NewCarer carer : command.carers()) {
            apply(new CarerJoinedFamily(command.familyId(), command.settingId(), carer.carerId(), carer.name(),
                    carer.relationship(), carer.email(), carer.phone(), carer.preferredLanguage(), carer.channels(),
                    carer.quietHours()));
        }
    }

    @CommandHandler
    void handle(RegisterDevice command) {
        requireCarer(command.carerId());
        if (!command.actor().id().equals(command.carerId())) {
            throw RefusedException.forbidden("not-your-device", "Carers register only their own devices.");
        }
        if (devices.getOrDefault(command.carerId(), Set.of()).contains(command.token())) {
            return;
        }
        apply(new DeviceRegistered(familyId, command.carerId(), command.token(), command.platform()));
    }

    /**
     * The carer themselves, or a manager of the family's setting, states the carer's whole preference.
     * Stating the preference that already holds records nothing. Opting out of SMS is kept apart: a
     * new channel order does not switch SMS back on; only the carer's own START does.
     */
    @CommandHandler
    void handle(ChangeCarerPreferences command, Permissions permissions, Clock clock) {
        requireCarer(command.carerId());
        Actor actor = command.actor();
        boolean self = actor.is(Role.CARER) && actor.id().equals(command.carerId());
        if (!self) {
            permissions.requireManagerOf(actor, settingId);
        }
        Preference stated = new Preference(command.preferredLanguage(), command.channels(), command.quietHours());
        if (stated.equals(preferences.get(command.carerId()))) {
            return;
        }
        apply(new CarerPreferencesChanged(familyId, settingId, command.carerId(), stated.language(),
                stated.channels(), stated.quietHours(), actor.id(), clock.instant()));
    }

    /** The carer texted an opt-out word; the word comes from their own phone, so no other check applies. */
    @CommandHandler
    void handle(OptOutOfSms command, Clock clock) {
        requireCarer(command.carerId());
        if (optedOutOfSms.contains(command.carerId())) {
            return;
        }
        apply(new CarerOptedOutOfSms(familyId, settingId, command.carerId(), clock.instant()));
    }

    @CommandHandler
    void handle(OptInToSms command, Clock clock) {
        requireCarer(command.carerId());
        if (!optedOutOfSms.contains(command.carerId())) {
            return;
        }
        apply(new CarerOptedInToSms(familyId, settingId, command.carerId(), clock.instant()));
    }

    /**
     * A carer's SMS that answers no recent update: it goes to the key person of the family's youngest
     * child, as a message of its own.
     */
    @CommandHandler
    void handle(RecordCarerMessage command, RuleLookups lookups, Clock clock) {
        if (messages.contains(command.replyId())) {
            return;
        }
        requireNotErased();
        if (!carers.contains(command.carerId())) {
            throw RefusedException.forbidden("not-a-carer-here", "Only carers of this family may message about it.");
        }
        RuleLookups.ChildEntry child = lookups.youngestChildOf(familyId)
                .orElseThrow(() -> RefusedException.conflict("family-without-children",
                        "This family has no child at the setting to message about."));
        apply(new CarerMessageReceived(command.replyId(), child.childId(), familyId, command.carerId(), command.text(),
                command.channel(), clock.instant()));
    }

    /**
     * A manager of the family's setting erases the family (decision 0014): its keys and its carers' are
     * shredded and their sign-in removed in this command's transaction, and the answer says what was
     * erased and which children's safeguarding records are kept, until when.
     */
    @CommandHandler
    FamilyErasure.Result handle(EraseFamily command, Permissions permissions, FamilyErasure erasure, Clock clock) {
        permissions.requireManagerOf(command.actor(), settingId);
        requireNotErased();
        return erase(erasure, command.reason(), command.actor().id(), clock);
    }

    /**
     * The daily sweep erases a family whose every child left more than the setting's years ago, as a
     * manager's erasure would; the erasure is the platform's own (no person), its reason the rule.
     */
    @CommandHandler
    FamilyErasure.Result handle(ApplyRetention command, FamilyErasure erasure, Clock clock) {
        if (erased) {
            return new FamilyErasure.Result(List.of(), List.of(), List.of());
        }
        return erase(erasure, "Retention: records are kept " + command.recordsYearsAfterLeaving()
                + " years after the last child left", null, clock);
    }

    /** Shreds the keys and sign-ins in this command's transaction and records it; {@code erasedBy} null: the platform. */
    private FamilyErasure.Result erase(FamilyErasure erasure, String reason, String erasedBy, Clock clock) {
        List<String> carerIds = List.copyOf(new TreeSet<>(carers));
        FamilyErasure.Result result = erasure.erase(familyId, settingId, carerIds);
        apply(new FamilyErased(familyId, settingId, carerIds, result.childIds(), result.retained(), reason, erasedBy,
                clock.instant()));
        return result;
    }

    private void requireNotErased() {
        if (erased) {
            throw RefusedException.conflict("family-erased", "This family has been erased.");
        }
    }

    private void requireCarer(String carerId) {
        requireNotErased();
        if (!carers.contains(carerId)) {
            throw RefusedException.notFound("unknown-carer", "There is no carer " + carerId + " in this family.");
        }
    }

    @EventSourcingHandler
    void on(FamilyRegistered event) {
        familyId = event.familyId();
        settingId = event.settingId();
    }

    @EventSourcingHandler
    void on(CarerJoinedFamily event) {
        carers.add(event.carerId());
        preferences.put(event.carerId(), new Preference(event.preferredLanguage(), event.channels(), event.quietHours()));
    }

    @EventSourcingHandler
    void on(CarerPreferencesChanged event) {
        preferences.put(event.carerId(), new Preference(event.preferredLanguage(), event.channels(), event.quietHours()));
    }

    @EventSourcingHandler
    void on(CarerOptedOutOfSms event) {
        optedOutOfSms.add(event.carerId());
    }

    @EventSourcingHandler
    void on(CarerOptedInToSms event) {
        optedOutOfSms.remove(event.carerId());
    }

    @EventSourcingHandler
    void on(DeviceRegistered event) {
        devices.computeIfAbsent(event.carerId(), carer -> new HashSet<>()).add(event.token());
    }

    @EventSourcingHandler
    void on(FamilyErased event) {
        erased = true;
    }

    @EventSourcingHandler
    void on(CarerMessageReceived event) {
        messages.add(event.replyId());
    }

    private record Preference(String language, List<Channel> channels, QuietHours quietHours) {
        private Preference {
            channels = channels == null ? List.of() : List.copyOf(channels);
        }
    }
}
