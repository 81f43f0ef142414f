package dev.tandem.notifier.recipients;

import dev.tandem.api.child.CarerRestricted;
import dev.tandem.api.child.CarerRestrictionLifted;
import dev.tandem.api.child.ChildRegistered;
import dev.tandem.api.common.Channel;
import dev.tandem.api.common.QuietHours;
import dev.tandem.api.common.Role;
import dev.tandem.api.family.CarerJoinedFamily;
import dev.tandem.api.family.CarerOptedInToSms;
import dev.tandem.api.family.CarerOptedOutOfSms;
import dev.tandem.api.family.CarerPreferencesChanged;
import dev.tandem.api.family.DeviceRegistered;
import dev.tandem.api.setting.MeetingRemindersSet;
import dev.tandem.api.setting.SettingCreated;
import dev.tandem.api.setting.StaffMemberRegistered;
import dev.tandem.api.update.UpdateWithdrawn;
import dev.tandem.notifier.NotifierProcessing;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the notifier's own copy of who is who, from the events, in the same processing group as
 * dispatch, so an update is always dispatched against the recipients as they stood when it was shared.
 * Every write is an upsert keyed by the event's ids: a replay changes nothing twice.
 */
@Component
@ProcessingGroup(NotifierProcessing.GROUP)
public class RecipientsProjection {

    private final JdbcClient jdbc;

    public RecipientsProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(SettingCreated event) {
        jdbc.sql("""
                        INSERT INTO notifier_setting (setting_id, name, time_zone, default_language)
                        VALUES (:id, :name, :zone, :language)
                        ON CONFLICT (setting_id) DO UPDATE
                        SET name = EXCLUDED.name, time_zone = EXCLUDED.time_zone,
                            default_language = EXCLUDED.default_language""")
                .param("id", event.settingId())
                .param("name", event.name())
                .param("zone", event.timeZone())
                .param("language", event.defaultLanguage())
                .update();
    }

    @EventHandler
    public void on(MeetingRemindersSet event) {
        jdbc.sql("UPDATE notifier_setting SET meeting_reminder_hours = ? WHERE setting_id = ?")
                .params(event.hoursBefore(), event.settingId())
                .update();
    }

    /** A re-registration states the staff member in full: their address and roles are replaced. */
    @EventHandler
    public void on(StaffMemberRegistered event) {
        jdbc.sql("""
                        INSERT INTO notifier_staff (staff_id, setting_id, name, email, roles)
                        VALUES (:id, :setting, :name, :email, :roles)
                        ON CONFLICT (staff_id) DO UPDATE
                        SET setting_id = EXCLUDED.setting_id, name = EXCLUDED.name, email = EXCLUDED.email,
                            roles = EXCLUDED.roles""")
                .param("id", event.staffId())
                .param("setting", event.settingId())
                .param("name", event.name())
                .param("email", blankToNull(event.email()))
                .param("roles", roles(event.roles()))
                .update();
    }

    @EventHandler
    public void on(ChildRegistered event) {
        jdbc.sql("""
                        INSERT INTO notifier_child (child_id, setting_id, family_id, key_person_id, name)
                        VALUES (:id, :setting, :family, :keyPerson, :name)
                        ON CONFLICT (child_id) DO UPDATE
                        SET setting_id = EXCLUDED.setting_id, family_id = EXCLUDED.family_id,
                            key_person_id = EXCLUDED.key_person_id, name = EXCLUDED.name""")
                .param("id", event.childId())
                .param("setting", event.settingId())
                .param("family", event.familyId())
                .param("keyPerson", event.keyPersonId())
                .param("name", event.name())
                .update();
    }

    @EventHandler
    public void on(CarerJoinedFamily event) {
        preferences(jdbc.sql("""
                        INSERT INTO notifier_carer (carer_id, family_id, setting_id, name, email, phone,
                                                    preferred_language, channels, quiet_start, quiet_end)
                        VALUES (:id, :family, :setting, :name, :email, :phone, :language, :channels, :quietStart, :quietEnd)
                        ON CONFLICT (carer_id) DO UPDATE
                        SET family_id = EXCLUDED.family_id, setting_id = EXCLUDED.setting_id, name = EXCLUDED.name,
                            email = EXCLUDED.email, phone = EXCLUDED.phone,
                            preferred_language = EXCLUDED.preferred_language, channels = EXCLUDED.channels,
                            quiet_start = EXCLUDED.quiet_start, quiet_end = EXCLUDED.quiet_end"""),
                event.preferredLanguage(), event.channels(), event.quietHours())
                .param("id", event.carerId())
                .param("family", event.familyId())
                .param("setting", event.settingId())
                .param("name", event.name())
                .param("email", blankToNull(event.email()))
                .param("phone", blankToNull(event.phone()))
                .update();
    }

    @EventHandler
    public void on(DeviceRegistered event) {
        jdbc.sql("""
                        INSERT INTO notifier_device (token, carer_id, family_id, platform)
                        VALUES (:token, :carer, :family, :platform)
                        ON CONFLICT (token) DO UPDATE
                        SET carer_id = EXCLUDED.carer_id, family_id = EXCLUDED.family_id, platform = EXCLUDED.platform""")
                .param("token", event.token())
                .param("carer", event.carerId())
                .param("family", event.familyId())
                .param("platform", event.platform().name())
                .update();
    }

    @EventHandler
    public void on(CarerPreferencesChanged event) {
        preferences(jdbc.sql("""
                        UPDATE notifier_carer
                        SET preferred_language = :language, channels = :channels,
                            quiet_start = :quietStart, quiet_end = :quietEnd
                        WHERE carer_id = :id"""),
                event.preferredLanguage(), event.channels(), event.quietHours())
                .param("id", event.carerId())
                .update();
    }

    @EventHandler
    public void on(CarerOptedOutOfSms event) {
        smsOptedOut(event.carerId(), true);
    }

    @EventHandler
    public void on(CarerOptedInToSms event) {
        smsOptedOut(event.carerId(), false);
    }

    @EventHandler
    public void on(CarerRestricted event) {
        jdbc.sql("INSERT INTO notifier_restriction (child_id, carer_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(event.childId(), event.carerId())
                .update();
    }

    @EventHandler
    public void on(CarerRestrictionLifted event) {
        jdbc.sql("DELETE FROM notifier_restriction WHERE child_id = ? AND carer_id = ?")
                .params(event.childId(), event.carerId())
                .update();
    }

    /** Kept on replay too: a withdrawn update stays withdrawn whatever is handled after it. */
    @EventHandler
    public void on(UpdateWithdrawn event) {
        jdbc.sql("INSERT INTO notifier_withdrawn (update_id) VALUES (?) ON CONFLICT DO NOTHING")
                .param(event.updateId())
                .update();
    }

    private void smsOptedOut(String carerId, boolean optedOut) {
        jdbc.sql("UPDATE notifier_carer SET sms_opted_out = ? WHERE carer_id = ?")
                .params(optedOut, carerId)
                .update();
    }

    /** Binds how a carer wants to be told, stated in full both when they join and when they change it. */
    private static JdbcClient.StatementSpec preferences(JdbcClient.StatementSpec statement, String language,
                                                        List<Channel> channels, QuietHours quietHours) {
        return statement
                .param("language", blankToNull(language))
                .param("channels", channels(channels))
                .param("quietStart", quietHours == null ? null : quietHours.start())
                .param("quietEnd", quietHours == null ? null : quietHours.end());
    }

    private static String roles(Set<Role> roles) {
        return roles == null ? "" : roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
    }

    private static String channels(List<Channel> channels) {
        if (channels == null) {
            return "";
        }
        // a channel named twice is still one channel, tried at its first place
        return new LinkedHashSet<>(channels).stream().map(Channel::name).collect(Collectors.joining(","));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
