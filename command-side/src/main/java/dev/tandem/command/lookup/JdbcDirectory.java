package dev.tandem.command.lookup;

import dev.tandem.api.common.Role;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@link Directory} in PostgreSQL, kept by {@link DirectoryProjection} and {@link SmsThreadProjection}. */
@Component
public class JdbcDirectory implements Directory {

    private final JdbcClient jdbc;

    public JdbcDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean settingExists(String settingId) {
        return jdbc.sql("SELECT count(*) FROM lookup_setting WHERE setting_id = ?")
                .param(settingId).query(Long.class).single() > 0;
    }

    @Override
    public Optional<StaffEntry> staff(String staffId) {
        return jdbc.sql("SELECT staff_id, setting_id, roles FROM lookup_staff WHERE staff_id = ?")
                .param(staffId)
                .query((rs, n) -> new StaffEntry(rs.getString(1), rs.getString(2), roles(rs.getString(3))))
                .optional();
    }

    @Override
    public Optional<String> settingOfRoom(String roomId) {
        return jdbc.sql("SELECT setting_id FROM lookup_room WHERE room_id = ?").param(roomId)
                .query(String.class).optional();
    }

    @Override
    public Optional<String> settingOfFamily(String familyId) {
        return jdbc.sql("SELECT setting_id FROM lookup_family WHERE family_id = ?").param(familyId)
                .query(String.class).optional();
    }

    @Override
    public Optional<CarerEntry> carer(String carerId) {
        return jdbc.sql("SELECT carer_id, family_id, setting_id FROM lookup_carer WHERE carer_id = ?")
                .param(carerId)
                .query((rs, n) -> new CarerEntry(rs.getString(1), rs.getString(2), rs.getString(3)))
                .optional();
    }

    @Override
    public Optional<CarerEntry> carerByPhone(String phone) {
        return jdbc.sql("SELECT carer_id, family_id, setting_id FROM lookup_carer WHERE phone = ? ORDER BY carer_id LIMIT 1")
                .param(phone)
                .query((rs, n) -> new CarerEntry(rs.getString(1), rs.getString(2), rs.getString(3)))
                .optional();
    }

    @Override
    public Optional<String> preferredLanguageOf(String carerId) {
        return jdbc.sql("SELECT preferred_language FROM lookup_carer WHERE carer_id = ? AND preferred_language IS NOT NULL")
                .param(carerId).query(String.class).optional();
    }

    @Override
    public Optional<ChildEntry> child(String childId) {
        return jdbc.sql("""
                        SELECT child_id, setting_id, family_id, room_id, key_person_id, date_of_birth
                        FROM lookup_child WHERE child_id = ?""")
                .param(childId)
                .query((rs, n) -> new ChildEntry(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getObject(6, LocalDate.class)))
                .optional();
    }

    @Override
    public Optional<ChildEntry> youngestChildOf(String familyId) {
        return jdbc.sql("""
                        SELECT child_id, setting_id, family_id, room_id, key_person_id, date_of_birth
                        FROM lookup_child WHERE family_id = ? ORDER BY date_of_birth DESC, child_id LIMIT 1""")
                .param(familyId)
                .query((rs, n) -> new ChildEntry(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getObject(6, LocalDate.class)))
                .optional();
    }

    @Override
    public boolean isRestricted(String childId, String carerId) {
        return jdbc.sql("SELECT count(*) FROM lookup_restriction WHERE child_id = ? AND carer_id = ?")
                .param(childId).param(carerId).query(Long.class).single() > 0;
    }

    @Override
    public Optional<String> latestUpdateSentBySms(String carerId, Instant now, Duration window) {
        return jdbc.sql("""
                        SELECT update_id FROM lookup_sms_sent
                        WHERE carer_id = ? AND sent_at >= ? ORDER BY sent_at DESC LIMIT 1""")
                .param(carerId)
                .param(java.sql.Timestamp.from(now.minus(window)))
                .query(String.class).optional();
    }

    private static Set<Role> roles(String csv) {
        return Arrays.stream(csv.split(",")).map(Role::valueOf).collect(Collectors.toUnmodifiableSet());
    }

}
