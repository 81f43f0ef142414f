package dev.tandem.notifier.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.api.announcement.AnnouncementBroadcast;
import dev.tandem.api.announcement.AnnouncementBroadcast.Recipient;
import dev.tandem.api.child.CarerRestricted;
import dev.tandem.api.child.CarerRestrictionLifted;
import dev.tandem.api.child.ChildRegistered;
import dev.tandem.api.common.Channel;
import dev.tandem.api.common.QuietHours;
import dev.tandem.api.delivery.NotificationHeldBack;
import dev.tandem.api.delivery.NotificationSent;
import dev.tandem.api.delivery.NotificationSkipped;
import dev.tandem.api.family.CarerJoinedFamily;
import dev.tandem.api.family.CarerOptedInToSms;
import dev.tandem.api.family.CarerOptedOutOfSms;
import dev.tandem.api.family.CarerPreferencesChanged;
import dev.tandem.api.feedback.FeedbackGiven;
import dev.tandem.api.meeting.MeetingBooked;
import dev.tandem.api.meeting.MeetingCancelled;
import dev.tandem.api.meeting.MeetingRescheduled;
import dev.tandem.api.setting.SettingCreated;
import dev.tandem.api.update.UpdateWithdrawn;
import dev.tandem.notifier.testing.TwilioStandIn;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every kind of update reaches the carers it should, when it should: restrictions, preferences, SMS
 * opt-out, quiet hours (with the poller driven by the test's clock) and withdrawal.
 */
class UpdateNotificationsTest extends DispatchTestBase {

    static final String SID = "SM00000000000000000000000000000100";
    static final String PHONE_1 = "+447700900101";
    static final String PHONE_2 = "+447700900102";
    static final String PHONE_3 = "+447700900103";
    static final Instant MEETING = Instant.parse("2026-12-07T10:00:00Z");
    static final QuietHours NIGHT = new QuietHours(LocalTime.of(21, 0), LocalTime.of(7, 0));
    /** London is on UTC in November, so these read the same on the nursery's clock. */
    static final Instant LATE_EVENING = Instant.parse("2026-11-23T23:00:00Z");
    static final Instant NEXT_MORNING_END = Instant.parse("2026-11-24T07:00:00Z");

    @Test
    void meetingBookedGivesTheTimeInTheSettingsZoneAndThePlace() {
        recipientEvents.on(new SettingCreated(SETTING, "Acorn Nursery", "Europe/Warsaw", "en",
                "admin-1"));
        TwilioStandIn.accepts(twilio, SID);
        carer("carer-1", PHONE_1, null, "en", Channel.SMS);

        handle(() -> notifier.on(booked("meeting-1")));

        assertThat(smsBodies()).singleElement().asString()
                .contains("booked a meeting with you on Monday 7 December, 11:00 (30 minutes) at Room 2");
        NotificationSent sent = only(NotificationSent.class);
        assertThat(sent.updateId()).isEqualTo("meeting-1");
        assertThat(sent.childId()).isEqualTo(CHILD);
    }

    @Test
    void meetingMovedThenCancelledIsToldEachTimeAndEachOnlyOnce() {
        TwilioStandIn.accepts(twilio, SID);
        carer("carer-1", PHONE_1, null, "en", Channel.SMS);

        handle(() -> notifier.on(booked("meeting-1")));
        handle(() -> notifier.on(rescheduled("meeting-1")));
        handle(() -> notifier.on(rescheduled("meeting-1")));
        handle(() -> notifier.on(cancelled("meeting-1")));
        handle(() -> notifier.on(cancelled("meeting-1")));

        assertThat(smsBodies()).hasSize(3);
        assertThat(smsBodies().get(1)).contains("New time: Tuesday 8 December, 14:00 (45 minutes); it was Monday 7 December, 10:00");
        assertThat(smsBodies().get(2)).contains("is cancelled. Reason: Jane is unwell.");
        assertThat(published).hasSize(3).allMatch(NotificationSent.class::isInstance)
                .extracting(event -> ((NotificationSent) event).notificationId()).doesNotHaveDuplicates();
        assertThat(published).extracting(event -> ((NotificationSent) event).updateId()).containsOnly("meeting-1");
    }

    @Test
    void feedbackReachesEveryCarerInTheirLanguage() throws Exception {
        TwilioStandIn.accepts(twilio, SID);
        carer("carer-1", PHONE_1, null, "en", Channel.SMS);
        carer("carer-2", null, "piotr@example.org", "pl", Channel.EMAIL);

        handle(() -> notifier.on(new FeedbackGiven("feedback-1", CHILD, FAMILY, SETTING, KEY_PERSON,
                "Zofia loved the painting.", null, Instant.now())));

        assertThat(smsBodies()).singleElement().asString()
                .isEqualTo("Acorn Nursery: Jane Smith, Zofia's key person, has feedback for you: "
                        + "\"Zofia loved the painting.\" Reply to this message to answer.");
        MimeMessage email = greenMail.getReceivedMessages()[0];
        assertThat(email.getSubject()).isEqualTo("Acorn Nursery: informacja zwrotna dotycząca dziecka Zofia");
        assertThat(published).hasSize(2).allMatch(NotificationSent.class::isInstance);
    }

    @Test
    void announcementReachesEveryCarerOfEachRecipientFamilyExactlyOnce() {
        TwilioStandIn.accepts(twilio, SID);
        carer("carer-1", PHONE_1, null, "en", Channel.SMS);
        carer("carer-2", null, "piotr@example.org", "pl", Channel.EMAIL);
        otherFamily("family-2", "child-2", "carer-3", PHONE_2);
        otherFamily("family-3", "child-3", "carer-4", PHONE_3);
        AnnouncementBroadcast announcement = announcement("announcement-1", false,
                new Recipient(FAMILY, Set.of(CHILD)), new Recipient("family-2", Set.of("child-2")));

        handle(() -> notifier.on(announcement));
        handle(() -> notifier.on(announcement));

        assertThat(TwilioStandIn.received(twilio)).extracting(form -> form.get("To"))
                .containsExactlyInAnyOrder(PHONE_1, PHONE_2);
        assertThat(smsBodies()).allMatch(body -> body.equals(
                "Acorn Nursery: Nativity play – Costumes by Friday, please. Date: Friday 18 December 2026."));
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(published).hasSize(3).allMatch(NotificationSent.class::isInstance)
                .extracting(event -> ((NotificationSent) event).carerId())
                .containsExactlyInAnyOrder("carer-1", "carer-2", "carer-3");
        assertThat(published).allMatch(event -> ((NotificationSent) event).childId() == null);
    }

    @Test
    void carerRestrictedFromTheChildIsToldNothingUntilTheRestrictionIsLifted() {
        TwilioStandIn.accepts(twilio, SID);
        carer("carer-1", PHONE_1, null, "en", Channel.SMS);
        carer("carer-2", PHONE_2, null, "en", Channel.SMS);
        recipientEvents.on(new CarerRestricted(CHILD, FAMILY, SETTING, "carer-2", "court order", "dsl-1", Instant.now()));

        handle(() -> notifier.on(observation("update-1")));

        assertThat(TwilioStandIn.received(twilio)).extracting(form -> form.get("To")).containsExactly(PHONE_1);
        NotificationSkipped skipped = published.stream().filter(NotificationSkipped.class::isInstance)
                .map(NotificationSkipped.class::cast).findFirst().orElseThrow();
        assertThat(skipped.carerId()).isEqualTo("carer-2");
        assertThat(skipped.reason()).isEqualTo("restricted from this child");
        assertThat(status("update-1", "carer-2")).containsExactly("SKIPPED");

        recipientEvents.on(new CarerRestrictionLifted(CHILD, FAMILY, SETTING, "carer-2", "order ended", "dsl-1",
                Instant.now()));
        handle(() -> notifier.on(observation("update-2")));

        assertThat(TwilioStandIn.received(twilio)).extracting(form -> form.get("To"))
                .containsExactly(PHONE_1, PHONE_1, PHONE_2);
        assertThat(status("update-2", "carer-2")).containsExactly("SENT");
    }

    @Test
    void announcementSkipsOnlyACarerRestrictedFromEveryChildItReachesThemThrough() {
        TwilioStandIn.accepts(twilio, SID);
        recipientEvents.on(new ChildRegistered("child-b", SETTING, FAMILY, "room-1", KEY_PERSON, "Ali Kowalski",
                LocalDate.of(2024, 1, 2), "manager-1"));
        carer("carer-1", PHONE_1, null, "en", Channel.SMS);
        carer("carer-2", PHONE_2, null, "en", Channel.SMS);
        restrict("carer-1", CHILD);
        restrict("carer-2", CHILD);
        restrict("carer-2", "child-b");

        handle(() -> notifier.on(announcement("announcement-1", false, new Recipient(FAMILY, Set.of(CHILD, "child-b")))));

        assertThat(TwilioStandIn.received(twilio)).extracting(form -> form.get("To")).containsExactly(PHONE_1);
        assertThat(published).filteredOn(NotificationSkipped.class::isInstance).singleElement()
                .satisfies(event -> {
                    assertThat(((NotificationSkipped) event).carerId()).isEqualTo("carer-2");
                    assertThat(((NotificationSkipped) event).reason()).isEqualTo(Dispatcher.RESTRICTED_FROM_ALL);
                });
    }

    @Test
    void changedPreferencesChooseTheChannelAndLanguageOfTheNextNotification() throws Exception {
        TwilioStandIn.accepts(twilio, SID);
        carer("carer-1", PHONE_1, "anna@example.org", "en", Channel.SMS, Channel.EMAIL);

        handle(() -> notifier.on(observation("update-1")));
        recipientEvents.on(new CarerPreferencesChanged(FAMILY, SETTING, "carer-1", "pl",
                List.of(Channel.EMAIL, Channel.SMS), null, "carer-1", Instant.now()));
        handle(() -> notifier.on(observation("update-2")));

        assertThat(smsBodies()).singleElement().asString().contains("Reply to this message to answer.");
        assertThat(greenMail.getReceivedMessages()).singleElement()
                .satisfies(email -> assertThat(email.getContentLanguage()).containsExactly("pl"));
        assertThat(published).extracting(event -> ((NotificationSent) event).channel())
                .containsExactly(Channel.SMS, Channel.EMAIL);
        assertThat(((NotificationSent) published.get(1)).language()).isEqualTo("pl");
    }

    @Test
    void stopMakesSmsFallThroughToTheNextChannelAndStartRestoresIt() {
        TwilioStandIn.accepts(twilio, SID);
        carer("carer-1", PHONE_1, "anna@example.org", "en", Channel.SMS, Channel.EMAIL);
        carer("carer-2", PHONE_2, null, "en", Channel.SMS);
        recipientEvents.on(new CarerOptedOutOfSms(FAMILY, SETTING, "carer-1", Instant.now()));
        recipientEvents.on(new CarerOptedOutOfSms(FAMILY, SETTING, "carer-2", Instant.now()));

        handle(() -> notifier.on(observation("update-1")));

        assertThat(twilio.getAllServeEvents()).isEmpty();
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(published).filteredOn(NotificationSent.class::isInstance).singleElement()
                .satisfies(event -> assertThat(((NotificationSent) event).channel()).isEqualTo(Channel.EMAIL));
        assertThat(published).filteredOn(NotificationSkipped.class::isInstance).singleElement()
                .satisfies(event -> assertThat(((NotificationSkipped) event).reason()).contains("opted out of SMS"));

        recipientEvents.on(new CarerOptedInToSms(FAMILY, SETTING, "carer-1", Instant.now()));
        published.clear();
        handle(() -> notifier.on(observation("update-2")));

        assertThat(TwilioStandIn.received(twilio)).extracting(form -> form.get("To")).containsExactly(PHONE_1);
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }

    @Test
    void notificationInQuietHoursIsHeldBackUntilTheyEndAndThenSentByThePoller() {
        quietHoursHaveBegun();

        handle(() -> notifier.on(observation("update-1")));

        assertThat(twilio.getAllServeEvents()).isEmpty();
        assertThat(only(NotificationHeldBack.class).until()).isEqualTo(NEXT_MORNING_END);
        assertThat(dueTimes()).containsExactly(NEXT_MORNING_END);

        assertThat(deferredSender.sendDue(at(NEXT_MORNING_END.minusSeconds(60)))).isZero();
        assertThat(twilio.getAllServeEvents()).isEmpty();

        published.clear();
        assertThat(deferredSender.sendDue(at(NEXT_MORNING_END))).isEqualTo(1);
        assertThat(smsBodies()).singleElement().asString().contains("Zofia zbudowała wieżę.");
        assertThat(only(NotificationSent.class).carerId()).isEqualTo("carer-1");
        assertThat(dueTimes()).isEmpty();

        assertThat(deferredSender.sendDue(at(NEXT_MORNING_END.plusSeconds(3600)))).isZero();
        assertThat(TwilioStandIn.received(twilio)).hasSize(1);
    }

    @Test
    void quietHoursAcrossMidnightHoldBackAnEarlyMorningUpdateUntilTheyEndThatMorning() {
        TwilioStandIn.accepts(twilio, SID);
        quietCarer("carer-1", PHONE_1, NIGHT);

        clock.set(Instant.parse("2026-11-24T02:00:00Z"));
        handle(() -> notifier.on(observation("update-1")));
        clock.set(Instant.parse("2026-11-24T12:00:00Z"));
        handle(() -> notifier.on(observation("update-2")));

        assertThat(dueTimes()).containsExactly(NEXT_MORNING_END);
        assertThat(published).extracting(Object::getClass)
                .containsExactly(NotificationHeldBack.class, NotificationSent.class);
        assertThat(((NotificationSent) published.get(1)).updateId()).isEqualTo("update-2");
    }

    @Test
    void urgentAnnouncementIsSentInQuietHoursAndAnOrdinaryOneWaits() {
        quietHoursHaveBegun();

        handle(() -> notifier.on(announcement("urgent-1", true, new Recipient(FAMILY, Set.of(CHILD)))));

        assertThat(only(NotificationSent.class).updateId()).isEqualTo("urgent-1");
        assertThat(deferred.count()).isZero();

        published.clear();
        handle(() -> notifier.on(announcement("ordinary-1", false, new Recipient(FAMILY, Set.of(CHILD)))));

        NotificationHeldBack heldBack = only(NotificationHeldBack.class);
        assertThat(heldBack.updateId()).isEqualTo("ordinary-1");
        assertThat(heldBack.childId()).isNull();
        assertThat(deferred.count()).isEqualTo(1);

        published.clear();
        deferredSender.sendDue(at(NEXT_MORNING_END));

        assertThat(only(NotificationSent.class).updateId()).isEqualTo("ordinary-1");
    }

    @Test
    void heldBackNotificationIsPublishedOnceWithWhenAndWhyAndNotAgainWhenTheEventIsRedelivered() {
        quietHoursHaveBegun();

        handle(() -> notifier.on(observation("update-1")));
        handle(() -> notifier.on(observation("update-1")));

        assertThat(only(NotificationHeldBack.class)).isEqualTo(new NotificationHeldBack("update-1", CHILD, FAMILY,
                "carer-1", "en", NEXT_MORNING_END, "quiet hours", LATE_EVENING));
        assertThat(deferred.count()).isEqualTo(1);
        assertThat(twilio.getAllServeEvents()).isEmpty();
    }

    @Test
    void withdrawalDropsHeldBackNotificationsAndSendsNothingLaterForTheUpdate() {
        quietHoursHaveBegun();
        handle(() -> notifier.on(booked("meeting-1")));
        assertThat(only(NotificationHeldBack.class).updateId()).isEqualTo("meeting-1");
        published.clear();

        UpdateWithdrawn withdrawn = new UpdateWithdrawn("meeting-1", SETTING, CHILD, List.of(FAMILY),
                "booked in error", KEY_PERSON, LATE_EVENING);
        handle(() -> {
            recipientEvents.on(withdrawn);
            notifier.on(withdrawn);
        });

        assertThat(deferred.count()).isZero();
        assertThat(only(NotificationSkipped.class).reason()).isEqualTo("withdrawn");
        assertThat(status("meeting-1", "carer-1")).containsExactly("SKIPPED");

        assertThat(deferredSender.sendDue(at(NEXT_MORNING_END))).isZero();
        clock.set(Instant.parse("2026-11-24T12:00:00Z"));
        handle(() -> notifier.on(rescheduled("meeting-1")));
        handle(() -> notifier.on(cancelled("meeting-1")));

        assertThat(twilio.getAllServeEvents()).isEmpty();
        assertThat(published).hasSize(1);
    }

    @Test
    void restrictionImposedWhileANotificationIsHeldBackStopsIt() {
        quietHoursHaveBegun();
        handle(() -> notifier.on(observation("update-1")));
        published.clear();

        restrict("carer-1", CHILD);
        deferredSender.sendDue(at(NEXT_MORNING_END));

        assertThat(twilio.getAllServeEvents()).isEmpty();
        assertThat(only(NotificationSkipped.class).reason()).isEqualTo("restricted from this child");
        assertThat(deferred.count()).isZero();
    }

    @Test
    void quietHoursMovedWhileANotificationIsHeldBackHoldItLonger() {
        quietHoursHaveBegun();
        handle(() -> notifier.on(observation("update-1")));
        published.clear();

        recipientEvents.on(new CarerPreferencesChanged(FAMILY, SETTING, "carer-1", "en", List.of(Channel.SMS),
                new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0)), "carer-1", LATE_EVENING));

        deferredSender.sendDue(at(NEXT_MORNING_END));

        assertThat(twilio.getAllServeEvents()).isEmpty();
        assertThat(dueTimes()).containsExactly(Instant.parse("2026-11-24T08:00:00Z"));
        NotificationHeldBack heldLonger = only(NotificationHeldBack.class);
        assertThat(heldLonger.until()).isEqualTo(Instant.parse("2026-11-24T08:00:00Z"));
        assertThat(heldLonger.heldBackAt()).isEqualTo(NEXT_MORNING_END);
    }

    @Test
    void updateRedeliveredAfterItsHeldBackNotificationWentSendsNothingAgain() {
        quietHoursHaveBegun();
        handle(() -> notifier.on(observation("update-1")));
        deferredSender.sendDue(at(NEXT_MORNING_END));

        clock.set(LATE_EVENING.plusSeconds(24 * 3600));
        handle(() -> notifier.on(observation("update-1")));
        deferredSender.sendDue(at(NEXT_MORNING_END.plusSeconds(24 * 3600)));

        assertThat(TwilioStandIn.received(twilio)).hasSize(1);
        assertThat(published).extracting(Object::getClass)
                .containsExactly(NotificationHeldBack.class, NotificationSent.class);
        assertThat(deferred.count()).isZero();
    }

    @Test
    void thePollerSendsABoundedBatchPerRun() {
        quietHoursHaveBegun();
        for (String update : List.of("update-1", "update-2", "update-3")) {
            handle(() -> notifier.on(observation(update)));
        }
        DeferredSender smallBatches = new DeferredSender(deferred, dispatcher, transaction.getTransactionManager(), 2);

        assertThat(smallBatches.sendDue(at(NEXT_MORNING_END))).isEqualTo(2);
        assertThat(deferred.count()).isEqualTo(1);
        assertThat(smallBatches.sendDue(at(NEXT_MORNING_END))).isEqualTo(1);
        assertThat(deferred.count()).isZero();
        assertThat(TwilioStandIn.received(twilio)).hasSize(3);
    }

    private MeetingBooked booked(String meetingId) {
        return new MeetingBooked(meetingId, CHILD, FAMILY, SETTING, KEY_PERSON, KEY_PERSON, MEETING, 30, "Room 2",
                "Settling in", Instant.parse("2026-11-23T09:00:00Z"));
    }

    private MeetingRescheduled rescheduled(String meetingId) {
        return new MeetingRescheduled(meetingId, CHILD, FAMILY, SETTING, KEY_PERSON, MEETING,
                Instant.parse("2026-12-08T14:00:00Z"), 45, KEY_PERSON, Instant.parse("2026-11-23T10:00:00Z"));
    }

    private MeetingCancelled cancelled(String meetingId) {
        return new MeetingCancelled(meetingId, CHILD, FAMILY, SETTING, KEY_PERSON, MEETING, "Jane is unwell",
                KEY_PERSON, Instant.parse("2026-11-23T11:00:00Z"));
    }

    private static AnnouncementBroadcast announcement(String updateId, boolean urgent, Recipient... recipients) {
        return new AnnouncementBroadcast(updateId, SETTING, null, KEY_PERSON, "Nativity play",
                "Costumes by Friday, please.", LocalDate.of(2026, 12, 18), urgent, List.of(recipients),
                Instant.parse("2026-11-23T09:00:00Z"));
    }

    private void otherFamily(String familyId, String childId, String carerId, String phone) {
        recipientEvents.on(new ChildRegistered(childId, SETTING, familyId, "room-1", KEY_PERSON, "Child " + childId,
                LocalDate.of(2023, 5, 1), "manager-1"));
        recipientEvents.on(new CarerJoinedFamily(familyId, SETTING, carerId, "Carer " + carerId, "parent", null, phone,
                "en", List.of(Channel.SMS), null));
    }

    /** Carer 1, reached by SMS, is in their quiet hours (21:00–07:00): it is 23:00 at the nursery. */
    private void quietHoursHaveBegun() {
        TwilioStandIn.accepts(twilio, SID);
        quietCarer("carer-1", PHONE_1, NIGHT);
        clock.set(LATE_EVENING);
    }

    private void quietCarer(String carerId, String phone, QuietHours quietHours) {
        recipientEvents.on(new CarerJoinedFamily(FAMILY, SETTING, carerId, "Carer " + carerId, "parent", null, phone,
                "en", List.of(Channel.SMS), quietHours));
    }

    private void restrict(String carerId, String childId) {
        recipientEvents.on(new CarerRestricted(childId, FAMILY, SETTING, carerId, "court order", "dsl-1", Instant.now()));
    }

    private List<String> smsBodies() {
        return TwilioStandIn.received(twilio).stream().map(form -> form.get("Body")).toList();
    }

    private List<Instant> dueTimes() {
        return jdbc.sql("SELECT due_at FROM notifier_deferred ORDER BY due_at")
                .query((rs, row) -> rs.getObject("due_at", OffsetDateTime.class).toInstant())
                .list();
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }
}
