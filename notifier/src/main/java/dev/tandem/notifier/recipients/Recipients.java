package dev.tandem.notifier.recipients;

import dev.tandem.api.common.Channel;
import dev.tandem.api.common.Language;
import dev.tandem.api.common.QuietHours;
import dev.tandem.api.common.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads what {@link RecipientsProjection} keeps. Runs inside the processing group's transaction, so
 * it sees changes to the recipients made earlier in the same batch of events.
 */
@Component
public class Recipients {

    private final JdbcClient jdbc;

    public Recipients(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<RecipientSetting> setting(String settingId) {
        return jdbc.sql("""
                        SELECT setting_id, name, time_zone, default_language, meeting_reminder_hours
                        FROM notifier_setting WHERE setting_id = ?""")
                .param(settingId)
                .query((rs, row) -> new RecipientSetting(rs.getString("setting_id"), rs.getString("name"),
                        ZoneId.of(rs.getString("time_zone")),
                        Language.fromTag(rs.getString("default_language")).orElse(Language.ENGLISH),
                        rs.getInt("meeting_reminder_hours")))
                .optional();
    }

    public Optional<String> staffName(String staffId) {
        return jdbc.sql("SELECT name FROM notifier_staff WHERE staff_id = ?")
                .param(staffId)
                .query(String.class)
                .optional();
    }

    /** The designated safeguarding leads of a setting (role DSL, whatever other roles they hold), by id. */
    public List<RecipientStaff> safeguardingLeadsOf(String settingId) {
        return jdbc.sql("SELECT * FROM notifier_staff WHERE setting_id = ? ORDER BY staff_id")
                .param(settingId)
                .query((rs, row) -> new RecipientStaff(rs.getString("staff_id"), rs.getString("setting_id"),
                        rs.getString("name"), rs.getString("email"), roles(rs.getString("roles"))))
                .list().stream()
                .filter(RecipientStaff::isSafeguardingLead)
                .toList();
    }

    public Optional<RecipientChild> child(String childId) {
        return jdbc.sql("SELECT child_id, setting_id, family_id, key_person_id, name FROM notifier_child WHERE child_id = ?")
                .param(childId)
                .query((rs, row) -> new RecipientChild(rs.getString("child_id"), rs.getString("setting_id"),
                        rs.getString("family_id"), rs.getString("key_person_id"), rs.getString("name")))
                .optional();
    }

    /** The carers of a family in the order they joined it, each with their registered devices. */
    public List<RecipientCarer> carersOfFamily(String familyId) {
        Map<String, List<String>> devices = jdbc.sql("""
                        SELECT d.carer_id, d.token FROM notifier_device d
                        WHERE d.family_id = ? ORDER BY d.token""")
                .param(familyId)
                .query((rs, row) -> Map.entry(rs.getString("carer_id"), rs.getString("token")))
                .list().stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        return jdbc.sql("SELECT * FROM notifier_carer WHERE family_id = ? ORDER BY joined_seq")
                .param(familyId)
                .query((rs, row) -> carer(rs, devices.getOrDefault(rs.getString("carer_id"), List.of())))
                .list();
    }

    /** One carer, with their registered devices. */
    public Optional<RecipientCarer> carer(String carerId) {
        List<String> devices = jdbc.sql("SELECT token FROM notifier_device WHERE carer_id = ? ORDER BY token")
                .param(carerId)
                .query(String.class)
                .list();
        return jdbc.sql("SELECT * FROM notifier_carer WHERE carer_id = ?")
                .param(carerId)
                .query((rs, row) -> carer(rs, devices))
                .optional();
    }

    /**
     * Whether the carer is barred from every one of these children, so must be told nothing about
     * what reaches them through those children. No children: nothing to be barred from.
     */
    public boolean isRestrictedFromAll(String carerId, Set<String> childIds) {
        if (childIds.isEmpty()) {
            return false;
        }
        long restricted = jdbc.sql("SELECT count(*) FROM notifier_restriction WHERE carer_id = :carer AND child_id IN (:children)")
                .param("carer", carerId)
                .param("children", childIds)
                .query(Long.class)
                .single();
        return restricted == childIds.size();
    }

    public boolean isWithdrawn(String updateId) {
        return jdbc.sql("SELECT count(*) FROM notifier_withdrawn WHERE update_id = ?")
                .param(updateId)
                .query(Long.class)
                .single() > 0;
    }

    /** The provider said this token will never reach anyone again: stop trying it. */
    public void forgetDevice(String token) {
        jdbc.sql("DELETE FROM notifier_device WHERE token = ?").param(token).update();
    }

    private static Set<Role> roles(String names) {
        return Arrays.stream(names.split(","))
                .filter(name -> !name.isBlank())
                .map(Role::valueOf)
                .collect(Collectors.toSet());
    }

    private static RecipientCarer carer(ResultSet rs, List<String> devices) throws SQLException {
        List<Channel> channels = Arrays.stream(rs.getString("channels").split(","))
                .filter(name -> !name.isBlank())
                .map(Channel::valueOf)
                .toList();
        LocalTime quietStart = rs.getObject("quiet_start", LocalTime.class);
        LocalTime quietEnd = rs.getObject("quiet_end", LocalTime.class);
        QuietHours quietHours = quietStart == null || quietEnd == null ? null : new QuietHours(quietStart, quietEnd);
        return new RecipientCarer(rs.getString("carer_id"), rs.getString("family_id"), rs.getString("setting_id"),
                rs.getString("name"), rs.getString("email"), rs.getString("phone"),
                rs.getString("preferred_language"), channels, quietHours, devices, rs.getBoolean("sms_opted_out"));
    }
}
