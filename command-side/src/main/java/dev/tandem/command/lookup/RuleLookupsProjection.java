package dev.tandem.command.lookup;

import dev.tandem.api.announcement.AnnouncementBroadcast;
import dev.tandem.api.child.CarerRestricted;
import dev.tandem.api.child.CarerRestrictionLifted;
import dev.tandem.api.child.ChildLeft;
import dev.tandem.api.child.ChildRegistered;
import dev.tandem.api.child.SafeguardingRecordErased;
import dev.tandem.api.common.Role;
import dev.tandem.api.concern.ConcernRecorded;
import dev.tandem.api.family.CarerJoinedFamily;
import dev.tandem.api.family.CarerPreferencesChanged;
import dev.tandem.api.family.FamilyErased;
import dev.tandem.api.family.FamilyRegistered;
import dev.tandem.api.feedback.FeedbackGiven;
import dev.tandem.api.meeting.MeetingBooked;
import dev.tandem.api.meeting.MeetingCancelled;
import dev.tandem.api.meeting.MeetingRescheduled;
import dev.tandem.api.observation.ObservationShared;
import dev.tandem.api.reply.CarerMessageReceived;
import dev.tandem.api.reply.ParentReplied;
import dev.tandem.api.setting.RetentionSet;
import dev.tandem.api.setting.RoomOpened;
import dev.tandem.api.setting.SettingCreated;
import dev.tandem.api.setting.StaffMemberRegistered;
import dev.tandem.api.update.UpdateWithdrawn;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@link RuleLookups} tables. It runs in a subscribing processor, so each row is written in
 * the transaction that stores the event: a rule checked by the next command always sees it.
 * Upserts make a replay harmless.
 */
@Component
@ProcessingGroup(RuleLookupsProjection.PROCESSING_GROUP)
class RuleLookupsProjection {

    static final String PROCESSING_GROUP = "command-rule-lookups";

    private final JdbcClient jdbc;

    RuleLookupsProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SettingCreated event) {
        jdbc.sql("INSERT INTO lookup_setting (setting_id, default_language) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(event.settingId(), event.defaultLanguage()).update();
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

    @EventHandler
    void on(ConcernRecorded event) {
        jdbc.sql("INSERT INTO lookup_concern (concern_id, child_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .param(event.concernId()).param(event.childId()).update();
    }

    /**
     * An erased family's carers keep no phone number (an SMS from it finds nobody), and its children whose
     * keys were shredded leave the lookups; a child whose safeguarding record is kept stays, with the date
     * of birth its retention counts from.
     */
    @EventHandler
    void on(FamilyErased event) {
        jdbc.sql("UPDATE lookup_carer SET phone = NULL WHERE family_id = ?").param(event.familyId()).update();
        jdbc.sql("UPDATE lookup_family SET erased = TRUE WHERE family_id = ?").param(event.familyId()).update();
        List<String> retained = event.retained().stream().map(FamilyErased.Retained::childId).toList();
        if (retained.isEmpty()) {
            jdbc.sql("DELETE FROM lookup_child WHERE family_id = ?").param(event.familyId()).update();
        } else {
            jdbc.sql("DELETE FROM lookup_child WHERE family_id = :family AND child_id NOT IN (:retained)")
                    .param("family", event.familyId()).param("retained", retained).update();
        }
    }

    @EventHandler
    void on(RetentionSet event) {
        jdbc.sql("""
                        INSERT INTO lookup_retention (setting_id, records_years_after_leaving, safeguarding_until_age)
                        VALUES (?, ?, ?)
                        ON CONFLICT (setting_id) DO UPDATE SET records_years_after_leaving = excluded.records_years_after_leaving,
                                                               safeguarding_until_age = excluded.safeguarding_until_age""")
                .param(event.settingId()).param(event.recordsYearsAfterLeaving()).param(event.safeguardingUntilAge())
                .update();
    }

    @EventHandler
    void on(ChildLeft event) {
        jdbc.sql("UPDATE lookup_child SET left_on = ? WHERE child_id = ?").param(event.leftOn()).param(event.childId())
                .update();
    }

    /** The record's retention has ended: nothing of the child is kept here any longer. */
    @EventHandler
    void on(SafeguardingRecordErased event) {
        jdbc.sql("DELETE FROM lookup_child WHERE child_id = ?").param(event.childId()).update();
    }

    @EventHandler
    void on(ObservationShared event) {
        rememberUpdate(event.updateId(), event.settingId(), event.childId(), List.of(event.familyId()));
    }

    @EventHandler
    void on(FeedbackGiven event) {
        rememberUpdate(event.updateId(), event.settingId(), event.childId(), List.of(event.familyId()));
    }

    @EventHandler
    void on(AnnouncementBroadcast event) {
        rememberUpdate(event.updateId(), event.settingId(), null,
                event.recipients().stream().map(AnnouncementBroadcast.Recipient::familyId).toList());
    }

    @EventHandler
    void on(MeetingBooked event) {
        rememberUpdate(event.meetingId(), event.settingId(), event.childId(), List.of(event.familyId()));
        jdbc.sql("""
                        INSERT INTO lookup_meeting (meeting_id, key_person_id, starts_at, ends_at, status)
                        VALUES (?, ?, ?, ?, 'BOOKED') ON CONFLICT DO NOTHING""")
                .param(event.meetingId()).param(event.keyPersonId()).param(Timestamp.from(event.startsAt()))
                .param(endOf(event.startsAt(), event.durationMinutes()))
                .update();
    }

    @EventHandler
    void on(MeetingRescheduled event) {
        jdbc.sql("UPDATE lookup_meeting SET starts_at = ?, ends_at = ? WHERE meeting_id = ?")
                .param(Timestamp.from(event.startsAt())).param(endOf(event.startsAt(), event.durationMinutes()))
                .param(event.meetingId())
                .update();
    }

    @EventHandler
    void on(MeetingCancelled event) {
        jdbc.sql("UPDATE lookup_meeting SET status = 'CANCELLED' WHERE meeting_id = ?").param(event.meetingId()).update();
    }

    /** A withdrawn meeting frees its hour (other updates have no meeting row); no SMS reply threads to it. */
    @EventHandler
    void on(UpdateWithdrawn event) {
        jdbc.sql("UPDATE lookup_update SET withdrawn = true WHERE update_id = ?").param(event.updateId()).update();
        jdbc.sql("UPDATE lookup_meeting SET status = 'WITHDRAWN' WHERE meeting_id = ?").param(event.updateId()).update();
    }

    /** Both a reply to an update and a carer's message with no update can be answered by feedback. */
    @EventHandler
    void on(ParentReplied event) {
        rememberReply(event.replyId(), event.familyId());
    }

    @EventHandler
    void on(CarerMessageReceived event) {
        rememberReply(event.replyId(), event.familyId());
    }

    private void rememberReply(String replyId, String familyId) {
        jdbc.sql("INSERT INTO lookup_reply (reply_id, family_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .param(replyId).param(familyId).update();
    }

    private void rememberUpdate(String updateId, String settingId, String childId, Collection<String> familyIds) {
        jdbc.sql("INSERT INTO lookup_update (update_id, setting_id, child_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                .param(updateId).param(settingId).param(childId).update();
        for (String familyId : familyIds) {
            jdbc.sql("INSERT INTO lookup_update_family (update_id, family_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                    .param(updateId).param(familyId).update();
        }
    }

    private static Timestamp endOf(Instant startsAt, int durationMinutes) {
        return Timestamp.from(startsAt.plus(Duration.ofMinutes(durationMinutes)));
    }
}
