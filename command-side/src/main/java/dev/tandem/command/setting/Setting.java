package dev.tandem.command.setting;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.tandem.api.common.RefusedException;
import dev.tandem.api.common.Role;
import dev.tandem.api.setting.CreateSetting;
import dev.tandem.api.setting.MeetingRemindersSet;
import dev.tandem.api.setting.OpenRoom;
import dev.tandem.api.setting.RegisterStaffMember;
import dev.tandem.api.setting.RoomOpened;
import dev.tandem.api.setting.RetentionSet;
import dev.tandem.api.setting.SetMeetingReminders;
import dev.tandem.api.setting.SetRetention;
import dev.tandem.api.setting.SettingCreated;
import dev.tandem.api.setting.StaffMemberRegistered;
import dev.tandem.command.account.CredentialStore;
import dev.tandem.command.lookup.Permissions;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A nursery, pre-school or childminder: its staff, rooms and how early families are reminded of meetings. */
@Aggregate
public class Setting {

    @AggregateIdentifier
    private String settingId;
    private int meetingReminderHours = SetMeetingReminders.DEFAULT_HOURS_BEFORE;

    protected Setting() {
        // for Axon
    }

    @CommandHandler
    public Setting(CreateSetting command) {
        if (!command.actor().is(Role.ADMIN)) {
            throw RefusedException.forbidden("operator-only", "Only the platform operator creates settings.");
        }
        apply(new SettingCreated(command.settingId(), command.name(), command.timeZone(), command.defaultLanguage(),
                command.actor().id()));
    }

    @CommandHandler
    void handle(RegisterStaffMember command, Permissions permissions, CredentialStore credentials) {
        permissions.requireOperatorOrManagerOf(command.actor(), settingId);
        credentials.register(command.staffId(), command.email(), command.password(), command.roles(), settingId, null);
        apply(new StaffMemberRegistered(settingId, command.staffId(), command.name(), command.email(), command.roles(),
                command.actor().id()));
    }

    @CommandHandler
    void handle(OpenRoom command, Permissions permissions) {
        permissions.requireManagerOf(command.actor(), settingId);
        apply(new RoomOpened(settingId, command.roomId(), command.name(), command.actor().id()));
    }

    /** Stating the lead time the setting already has records nothing. */
    @CommandHandler
    void handle(SetMeetingReminders command, Permissions permissions) {
        permissions.requireManagerOf(command.actor(), settingId);
        if (command.hoursBefore() == meetingReminderHours) {
            return;
        }
        apply(new MeetingRemindersSet(settingId, command.hoursBefore(), command.actor().id()));
    }

    /** How long the setting keeps records (decision 0014); the daily sweep erases what has passed them. */
    @CommandHandler
    void handle(SetRetention command, Permissions permissions) {
        permissions.requireManagerOf(command.actor(), settingId);
        apply(new RetentionSet(settingId, command.recordsYearsAfterLeaving(), command.safeguardingUntilAge(),
                command.actor().id()));
    }

    @EventSourcingHandler
    void on(SettingCreated event) {
        settingId = event.settingId();
    }

    @EventSourcingHandler
    void on(MeetingRemindersSet event) {
        meetingReminderHours = event.hoursBefore();
    }
}
