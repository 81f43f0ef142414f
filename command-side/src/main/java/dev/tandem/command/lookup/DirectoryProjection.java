package dev.tandem.command.lookup;

import dev.tandem.api.child.CarerRestricted;
import dev.tandem.api.child.CarerRestrictionLifted;
import dev.tandem.api.child.ChildRegistered;
import dev.tandem.api.common.Role;
import dev.tandem.api.family.CarerJoinedFamily;
import dev.tandem.api.family.CarerPreferencesChanged;
import dev.tandem.api.family.FamilyRegistered;
import dev.tandem.api.setting.RoomOpened;
import dev.tandem.api.setting.SettingCreated;
import dev.tandem.api.setting.StaffMemberRegistered;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@link Directory} tables. It runs in a subscribing processor, so each row is written in
 * the transaction that stores the event: a rule checked by the next command always sees it.
 * Upserts make a replay harmless.
 */
@Component
@ProcessingGroup(DirectoryProjection.PROCESSING_GROUP)
class DirectoryProjection {

    static final String PROCESSING_GROUP = "command-directory";

    private final JdbcClient jdbc;

    DirectoryProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SettingCreated event) {
        jdbc.sql("INSERT INTO lookup_setting (setting_id) VALUES (?) ON CONFLICT DO NOTHING")
                .param(event.settingId()).update();
    }

    @EventHandler
    void on(StaffMemberRegistered event) {
        jdbc.sql("""
                        INSERT INTO lookup_staff (staff_id, setting_id, roles) VALUES (?, ?, ?)
                        ON CONFLICT (staff_id) DO UPDATE SET roles = excluded.roles""")
                .param(event.staffId()).param(event.settingId())
                .param(event.roles().stream().map(Role::name).sorted().collect(Collectors.joining(",")))
                .update();
    }

    @EventHandler
    void on(RoomOpened event) {
        jdbc.sql("INSERT INTO lookup_room (room_id, setting_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .param(event.roomId()).param(event.settingId()).update();
    }

    @EventHandler
    void on(FamilyRegistered event) {
        jdbc.sql("INSERT INTO lookup_family (family_id, setting_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .param(event.familyId()).param(event.settingId()).update();
    }

    @EventHandler
    void on(CarerJoinedFamily event) {
        jdbc.sql("""
                        INSERT INTO lookup_carer (carer_id, family_id, setting_id, phone, preferred_language)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (carer_id) DO UPDATE
                        SET phone = excluded.phone, preferred_language = excluded.preferred_language""")
                .param(event.carerId()).param(event.familyId()).param(event.settingId()).param(event.phone())
                .param(event.preferredLanguage())
                .update();
    }

    @EventHandler
    void on(CarerPreferencesChanged event) {
        jdbc.sql("UPDATE lookup_carer SET preferred_language = ? WHERE carer_id = ?")
                .param(event.preferredLanguage()).param(event.carerId()).update();
    }

    @EventHandler
    void on(ChildRegistered event) {
        jdbc.sql("""
                        INSERT INTO lookup_child (child_id, setting_id, family_id, room_id, key_person_id, date_of_birth)
                        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .param(event.childId()).param(event.settingId()).param(event.familyId()).param(event.roomId())
                .param(event.keyPersonId()).param(event.dateOfBirth())
                .update();
    }

    @EventHandler
    void on(CarerRestricted event) {
        jdbc.sql("INSERT INTO lookup_restriction (child_id, carer_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .param(event.childId()).param(event.carerId()).update();
    }

    @EventHandler
    void on(CarerRestrictionLifted event) {
        jdbc.sql("DELETE FROM lookup_restriction WHERE child_id = ? AND carer_id = ?")
                .param(event.childId()).param(event.carerId()).update();
    }
}
