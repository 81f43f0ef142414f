package dev.tandem.notifier.reminder;

import dev.tandem.api.meeting.MeetingBooked;
import dev.tandem.api.meeting.MeetingRescheduled;
import dev.tandem.notifier.reminder.BookedMeeting.State;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The meetings the notifier may remind families of ({@code notifier_meeting_reminder}). Every call runs in
 * the caller's transaction: a change commits with the event (or the reminder) that made it.
 */
@Component
public class BookedMeetings {

    /** What keeping a meeting does to one already kept: nothing, or it takes the new time. */
    private static final String KEEP_AS_IT_IS = "DO NOTHING";
    private static final String TAKE_THE_NEW_TIME = """
            DO UPDATE SET starts_at = EXCLUDED.starts_at, duration_minutes = EXCLUDED.duration_minutes,
                          key_person_id = EXCLUDED.key_person_id""";

    private final JdbcClient jdbc;

    public BookedMeetings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps a meeting just booked; one already kept (a redelivery) stays as it is. */
    void booked(MeetingBooked meeting) {
        keep(meeting.meetingId(), meeting.childId(), meeting.familyId(), meeting.settingId(), meeting.keyPersonId(),
                meeting.startsAt(), meeting.durationMinutes(), blankToNull(meeting.location()),
                blankToNull(meeting.purpose()), KEEP_AS_IT_IS);
    }

    /**
     * The meeting's new time and length. A meeting booked before the notifier kept meetings is kept from
     * here on, without its place and purpose (the reminder then names the nursery).
     */
    void moved(MeetingRescheduled meeting) {
        keep(meeting.meetingId(), meeting.childId(), meeting.familyId(), meeting.settingId(), meeting.keyPersonId(),
                meeting.startsAt(), meeting.durationMinutes(), null, null, TAKE_THE_NEW_TIME);
    }

    private void keep(String meetingId, String childId, String familyId, String settingId, String keyPersonId,
                      Instant startsAt, int durationMinutes, String location, String purpose, String onConflict) {
        jdbc.sql("""
                        INSERT INTO notifier_meeting_reminder (meeting_id, child_id, family_id, setting_id, key_person_id,
                                                               starts_at, duration_minutes, location, purpose, state)
                        VALUES (:id, :child, :family, :setting, :keyPerson, :startsAt, :duration, :location, :purpose,
                                'BOOKED')
                        ON CONFLICT (meeting_id)\s""" + onConflict)
                .param("id", meetingId)
                .param("child", childId)
                .param("family", familyId)
                .param("setting", settingId)
                .param("keyPerson", keyPersonId)
                .param("startsAt", utc(startsAt))
                .param("duration", durationMinutes)
                .param("location", location)
                .param("purpose", purpose)
                .update();
    }

    /** The meeting will not take place (cancelled or withdrawn): its place and purpose are no longer needed. */
    void ended(String meetingId, State state) {
        jdbc.sql("""
                        UPDATE notifier_meeting_reminder SET state = ?, location = NULL, purpose = NULL
                        WHERE meeting_id = ? AND state = 'BOOKED'""")
                .params(state.name(), meetingId)
                .update();
    }

    /** Its reminder is due at {@code dueAt} from now on; answers the number of this scheduling. */
    int scheduled(String meetingId, Instant dueAt) {
        return jdbc.sql("""
                        UPDATE notifier_meeting_reminder SET due_at = ?, schedule_seq = schedule_seq + 1
                        WHERE meeting_id = ? RETURNING schedule_seq""")
                .params(utc(dueAt), meetingId)
                .query(Integer.class)
                .single();
    }

    /** No reminder is scheduled for it any more. */
    void unscheduled(String meetingId) {
        jdbc.sql("UPDATE notifier_meeting_reminder SET due_at = NULL WHERE meeting_id = ?")
                .param(meetingId)
                .update();
    }

    /**
     * Marks the family reminded of the meeting's time by scheduling {@code seq}; false if the meeting
     * changed meanwhile (that scheduling is outdated).
     */
    boolean reminded(String meetingId, int seq) {
        return jdbc.sql("""
                        UPDATE notifier_meeting_reminder SET reminded_for = starts_at, due_at = NULL
                        WHERE meeting_id = ? AND schedule_seq = ? AND state = 'BOOKED'""")
                .params(meetingId, seq)
                .update() == 1;
    }

    Optional<BookedMeeting> find(String meetingId) {
        return jdbc.sql("SELECT * FROM notifier_meeting_reminder WHERE meeting_id = ?")
                .param(meetingId)
                .query((rs, row) -> meeting(rs))
                .optional();
    }

    /** The setting's booked meetings that have not started by {@code now}. */
    List<BookedMeeting> upcomingAt(String settingId, Instant now) {
        return jdbc.sql("""
                        SELECT * FROM notifier_meeting_reminder
                        WHERE setting_id = ? AND state = 'BOOKED' AND starts_at > ? ORDER BY starts_at""")
                .params(settingId, utc(now))
                .query((rs, row) -> meeting(rs))
                .list();
    }

    /** Every meeting kept of a family, whatever its state. */
    List<BookedMeeting> ofFamily(String familyId) {
        return jdbc.sql("SELECT * FROM notifier_meeting_reminder WHERE family_id = ?")
                .param(familyId)
                .query((rs, row) -> meeting(rs))
                .list();
    }

    void forget(String meetingId) {
        jdbc.sql("DELETE FROM notifier_meeting_reminder WHERE meeting_id = ?").param(meetingId).update();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static BookedMeeting meeting(ResultSet rs) throws SQLException {
        return new BookedMeeting(rs.getString("meeting_id"), rs.getString("child_id"), rs.getString("family_id"),
                rs.getString("setting_id"), rs.getString("key_person_id"), instant(rs, "starts_at"),
                rs.getInt("duration_minutes"), rs.getString("location"), rs.getString("purpose"),
                State.valueOf(rs.getString("state")), instant(rs, "due_at"), rs.getInt("schedule_seq"),
                instant(rs, "reminded_for"));
    }
}
