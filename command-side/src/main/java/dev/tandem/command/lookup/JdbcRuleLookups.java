package dev.tandem.command.lookup;

import dev.tandem.api.common.Role;
import java.time.Duration;
import java.time.Instant;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@link RuleLookups} in PostgreSQL, kept by {@link RuleLookupsProjection} and {@link SmsThreadProjection}. */
@Component
public class JdbcRuleLookups implements RuleLookups {

    private static final String CHILD_COLUMNS = "child_id, setting_id, family_id, room_id, key_person_id, date_of_birth";

    private final JdbcClient jdbc;

    public JdbcRuleLookups(JdbcClient jdbc) {
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
    public Optional<String> defaultLanguageOf(String settingId) {
        return jdbc.sql("SELECT default_language FROM lookup_setting WHERE setting_id = ? AND default_language IS NOT NULL")
                .param(settingId).query(String.class).optional();
    }

    @Override
    public Optional<ChildEntry> child(String childId) {
        return jdbc.sql("SELECT " + CHILD_COLUMNS + " FROM lookup_child WHERE child_id = ?")
                .param(childId).query(JdbcRuleLookups::childEntry).optional();
    }

    @Override
    public Optional<ChildEntry> youngestChildOf(String familyId) {
        return jdbc.sql("SELECT " + CHILD_COLUMNS
                        + " FROM lookup_child WHERE family_id = ? ORDER BY date_of_birth DESC, child_id LIMIT 1")
                .param(familyId).query(JdbcRuleLookups::childEntry).optional();
    }

    @Override
    public List<ChildEntry> childrenInRoom(String roomId) {
        return jdbc.sql("SELECT " + CHILD_COLUMNS + " FROM lookup_child WHERE room_id = ? ORDER BY child_id")
                .param(roomId).query(JdbcRuleLookups::childEntry).list();
    }

    @Override
    public List<ChildEntry> childrenInSetting(String settingId) {
        return jdbc.sql("SELECT " + CHILD_COLUMNS + " FROM lookup_child WHERE setting_id = ? ORDER BY child_id")
                .param(settingId).query(JdbcRuleLookups::childEntry).list();
    }

    @Override
    public boolean hasOverlappingMeeting(String keyPersonId, Instant startsAt, Instant endsAt,
                                         String excludedMeetingId) {
        // Two bookings for the same key person could each find the hour free and both commit. Locking
        // the key person's row first makes the second wait until the first's transaction (the command's,
        // which also writes its lookup_meeting row) commits, and then see that meeting.
        jdbc.sql("SELECT staff_id FROM lookup_staff WHERE staff_id = ? FOR UPDATE")
                .param(keyPersonId).query(String.class).optional();
        return jdbc.sql("""
                        SELECT count(*) FROM lookup_meeting
                        WHERE key_person_id = ? AND status = 'BOOKED' AND starts_at < ? AND ends_at > ?
                          AND meeting_id <> ?""")
                .param(keyPersonId).param(Timestamp.from(endsAt)).param(Timestamp.from(startsAt))
                .param(excludedMeetingId == null ? "" : excludedMeetingId)
                .query(Long.class).single() > 0;
    }

    @Override
    public Optional<UpdateEntry> update(String updateId) {
        Set<String> familyIds = Set.copyOf(jdbc.sql("SELECT family_id FROM lookup_update_family WHERE update_id = ?")
                .param(updateId).query(String.class).list());
        return jdbc.sql("SELECT update_id, setting_id, child_id FROM lookup_update WHERE update_id = ?")
                .param(updateId)
                .query((rs, n) -> new UpdateEntry(rs.getString(1), rs.getString(2), rs.getString(3), familyIds))
                .optional();
    }

    @Override
    public Optional<String> childOfConcern(String concernId) {
        return jdbc.sql("SELECT child_id FROM lookup_concern WHERE concern_id = ?").param(concernId)
                .query(String.class).optional();
    }

    @Override
    public Optional<String> familyOfReply(String replyId) {
        return jdbc.sql("SELECT family_id FROM lookup_reply WHERE reply_id = ?").param(replyId)
                .query(String.class).optional();
    }

    @Override
    public boolean isRestricted(String childId, String carerId) {
        return jdbc.sql("SELECT count(*) FROM lookup_restriction WHERE child_id = ? AND carer_id = ?")
                .param(childId).param(carerId).query(Long.class).single() > 0;
    }

    @Override
    public Optional<String> latestUpdateSentBySms(String carerId, Instant now, Duration window) {
        return jdbc.sql("""
                        SELECT update_id FROM lookup_sms_sent sent
                        WHERE carer_id = ? AND sent_at >= ?
                          AND NOT EXISTS (SELECT 1 FROM lookup_update u WHERE u.update_id = sent.update_id AND u.withdrawn)
                        ORDER BY sent_at DESC LIMIT 1""")
                .param(carerId)
                .param(Timestamp.from(now.minus(window)))
                .query(String.class).optional();
    }

    private static ChildEntry childEntry(ResultSet rs, int row) throws SQLException {
        return new ChildEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getObject(6, LocalDate.class));
    }

    private static Set<Role> roles(String csv) {
        return Arrays.stream(csv.split(",")).map(Role::valueOf).collect(Collectors.toUnmodifiableSet());
    }

}
