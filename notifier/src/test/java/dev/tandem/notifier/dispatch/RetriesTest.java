package dev.tandem.notifier.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.api.announcement.AnnouncementBroadcast;
import dev.tandem.api.common.Channel;
import dev.tandem.api.common.Language;
import dev.tandem.api.delivery.NotificationFailed;
import dev.tandem.api.delivery.NotificationKind;
import dev.tandem.api.delivery.NotificationRetryScheduled;
import dev.tandem.api.delivery.NotificationSent;
import dev.tandem.api.delivery.NotificationSkipped;
import dev.tandem.api.family.DevicePlatform;
import dev.tandem.api.family.DeviceRegistered;
import dev.tandem.api.update.UpdateWithdrawn;
import dev.tandem.notifier.testing.FcmStandIn;
import dev.tandem.notifier.testing.TwilioStandIn;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Durable retries (docs/decisions/0012): a transient failure is tried again on the same channel by a
 * scheduled execution (run here as db-scheduler's workers would, with the test's clock), until it works
 * or the window ends; a permanent refusal or an unknown outcome moves on to the next channel at once.
 */
@Timeout(60)
class RetriesTest extends DispatchTestBase {

    static final String PHONE = "+447700900123";
    static final String SID = "SM00000000000000000000000000000200";

    @Test
    void aProviderUnavailableOnceIsTriedAgainAboutTwoSecondsLaterAndTheCarerIsToldOnce() {
        unavailableThenAccepting(1);
        carer("carer-1", PHONE, "anna@example.org", "pl", Channel.SMS, Channel.EMAIL);
        Instant first = clock.instant();

        handle(() -> notifier.on(observation("update-1")));

        NotificationRetryScheduled retry = only(NotificationRetryScheduled.class);
        assertThat(retry.channel()).isEqualTo(Channel.SMS);
        assertThat(retry.attempts()).isEqualTo(1);
        assertThat(retry.nextAttemptAt()).isEqualTo(first.plusSeconds(2));
        assertThat(retry.reason()).isEqualTo("SMS provider unavailable (HTTP 503)");
        assertThat(retry.kind()).isEqualTo(NotificationKind.SHARED);
        assertThat(status("update-1", "carer-1")).containsExactly("PENDING");

        untilNextExecution();

        assertThat(published).hasSize(2);
        NotificationSent sent = (NotificationSent) published.get(1);
        assertThat(sent.channel()).isEqualTo(Channel.SMS);
        assertThat(sent.attempts()).isEqualTo(2);
        assertThat(sent.providerId()).isEqualTo(SID);
        assertThat(sent.segments()).isGreaterThanOrEqualTo(1);
        assertThat(sent.encoding()).isEqualTo("UCS-2");
        assertThat(TwilioStandIn.received(twilio)).hasSize(2);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(nextExecutionAt()).isEmpty();
    }

    @Test
    void aProviderUnavailableUntilTheWindowEndsIsGivenUpAndTheNextChannelTried() {
        TwilioStandIn.answers(twilio, aResponse().withStatus(503).withBody("{\"status\": 503, \"message\": \"busy\"}"));
        carer("carer-1", PHONE, "anna@example.org", "en", Channel.SMS, Channel.EMAIL);
        Instant first = clock.instant();

        handle(() -> notifier.on(observation("update-1")));
        int waits = 0;
        while (nextExecutionAt().isPresent() && waits++ < 50) {
            untilNextExecution();
        }

        List<Instant> calls = twilio.getAllServeEvents().stream()
                .map(event -> event.getRequest().getLoggedDate().toInstant()).toList();
        // 0, 2, 6, 14, 30, 62, 126, 254, 510 s, then the window's end at 900 s
        assertThat(published.stream().filter(NotificationRetryScheduled.class::isInstance)).hasSize(9);
        assertThat(published.stream().filter(NotificationRetryScheduled.class::isInstance)
                .map(event -> ((NotificationRetryScheduled) event).nextAttemptAt()))
                .containsExactly(first.plusSeconds(2), first.plusSeconds(6), first.plusSeconds(14),
                        first.plusSeconds(30), first.plusSeconds(62), first.plusSeconds(126), first.plusSeconds(254),
                        first.plusSeconds(510), first.plusSeconds(900));
        assertThat(calls).hasSize(10);
        NotificationFailed failed = (NotificationFailed) published.stream()
                .filter(NotificationFailed.class::isInstance).findFirst().orElseThrow();
        assertThat(failed.channel()).isEqualTo(Channel.SMS);
        assertThat(failed.attempts()).isEqualTo(10);
        assertThat(failed.reason()).startsWith("provider unavailable until the retry window ended (10 attempts)");
        NotificationSent sent = (NotificationSent) published.get(published.size() - 1);
        assertThat(sent.channel()).isEqualTo(Channel.EMAIL);
        assertThat(sent.attempts()).isEqualTo(1);
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(clock.instant()).isEqualTo(first.plusSeconds(900));
    }

    @Test
    void anUrgentAnnouncementIsRetriedForTwoMinutesOnly() {
        TwilioStandIn.answers(twilio, aResponse().withStatus(429).withBody("{\"status\": 429, \"code\": 20429}"));
        carer("carer-1", PHONE, "anna@example.org", "en", Channel.SMS, Channel.EMAIL);
        Instant first = clock.instant();

        handle(() -> notifier.on(new AnnouncementBroadcast("announcement-1", SETTING, null, KEY_PERSON, "Closed today",
                "The heating failed.", LocalDate.of(2026, 11, 23), true,
                List.of(new AnnouncementBroadcast.Recipient(FAMILY, Set.of(CHILD))), first)));
        int waits = 0;
        while (nextExecutionAt().isPresent() && waits++ < 50) {
            untilNextExecution();
        }

        assertThat(clock.instant()).isEqualTo(first.plus(Duration.ofMinutes(2)));
        NotificationFailed failed = (NotificationFailed) published.stream()
                .filter(NotificationFailed.class::isInstance).findFirst().orElseThrow();
        // 0, 2, 6, 14, 30, 62, then the window's end at 120 s
        assertThat(failed.attempts()).isEqualTo(7);
        assertThat(published.get(published.size() - 1)).isInstanceOf(NotificationSent.class);
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }

    @Test
    void aCallWithNoAnswerIsNeverRiskedTwiceOnTheSameChannel() {
        TwilioStandIn.answers(twilio, aResponse().withStatus(201).withFixedDelay(3000).withBody("{}"));
        carer("carer-1", PHONE, "anna@example.org", "en", Channel.SMS, Channel.EMAIL);

        handle(() -> notifier.on(observation("update-1")));

        assertThat(published).extracting(Object::getClass)
                .containsExactly(NotificationFailed.class, NotificationSent.class);
        assertThat(((NotificationFailed) published.get(0)).reason())
                .startsWith("no answer from the provider, so it may have been sent");
        assertThat(((NotificationSent) published.get(1)).channel()).isEqualTo(Channel.EMAIL);
        assertThat(nextExecutionAt()).isEmpty();
        handle(() -> notifier.on(observation("update-1")));
        assertThat(twilio.getAllServeEvents()).hasSize(1);
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }

    @Test
    void aPushProviderUnavailableIsRetriedOnThePushChannel() {
        fcm.stubFor(post(urlPathMatching("/v1/projects/.+/messages:send")).inScenario("fcm").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": {\"code\": 503, \"status\": \"UNAVAILABLE\", \"message\": \"busy\"}}"))
                .willSetStateTo("up"));
        fcm.stubFor(post(urlPathMatching("/v1/projects/.+/messages:send")).inScenario("fcm").whenScenarioStateIs("up")
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"name\": \"projects/" + FcmStandIn.PROJECT + "/messages/0:9\"}")));
        carer("carer-1", null, "anna@example.org", "en", Channel.APP, Channel.EMAIL);
        recipientEvents.on(new DeviceRegistered(FAMILY, "carer-1", "device-1", DevicePlatform.ANDROID));

        handle(() -> notifier.on(observation("update-1")));
        untilNextExecution();

        assertThat(published).extracting(Object::getClass)
                .containsExactly(NotificationRetryScheduled.class, NotificationSent.class);
        NotificationSent sent = (NotificationSent) published.get(1);
        assertThat(sent.channel()).isEqualTo(Channel.APP);
        assertThat(sent.attempts()).isEqualTo(2);
        assertThat(sent.segments()).isNull();
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void aWithdrawalWhileARetryWaitsSendsNothingMore() {
        unavailableThenAccepting(1);
        carer("carer-1", PHONE, "anna@example.org", "en", Channel.SMS, Channel.EMAIL);

        handle(() -> notifier.on(observation("update-1")));
        recipientEvents.on(new UpdateWithdrawn("update-1", SETTING, CHILD, List.of(FAMILY), "posted by mistake",
                KEY_PERSON, clock.instant()));
        untilNextExecution();

        assertThat(published).extracting(Object::getClass)
                .containsExactly(NotificationRetryScheduled.class, NotificationSkipped.class);
        assertThat(((NotificationSkipped) published.get(1)).reason()).isEqualTo("withdrawn");
        assertThat(twilio.getAllServeEvents()).hasSize(1);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void anUndeliveredReportMovesOnToTheNextChannelOnce() {
        TwilioStandIn.accepts(twilio, SID);
        carer("carer-1", PHONE, "anna@example.org", "en", Channel.SMS, Channel.EMAIL);
        handle(() -> notifier.on(observation("update-1")));
        String id = DeliveryLog.notificationId("update-1", "carer-1", Channel.SMS);

        // as the status webhook does for "undelivered", twice (Twilio may repeat a callback)
        for (int i = 0; i < 2; i++) {
            handle(() -> deliveries.advance(SID, DeliveryStatus.FAILED, "reported undelivered")
                    .ifPresent(attempt -> deliveries.scheduleFollowUp(attempt.notificationId())));
        }
        runDueExecutions();
        runDueExecutions();

        assertThat(deliveries.find(id).orElseThrow().status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(published).extracting(Object::getClass)
                .containsExactly(NotificationSent.class, NotificationSent.class);
        assertThat(((NotificationSent) published.get(1)).channel()).isEqualTo(Channel.EMAIL);
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(twilio.getAllServeEvents()).hasSize(1);
    }

    @Test
    void aBroadcastBeyondTheProvidersRateIsPacedNotRefused() {
        withPacing(new Pacing(Map.of(Channel.SMS, 2), Duration.ofMinutes(10), limiterNanos::get));
        TwilioStandIn.accepts(twilio, SID);
        for (int i = 1; i <= 5; i++) {
            carer("carer-" + i, "+44770090010" + i, null, "en", Channel.SMS);
        }

        handle(() -> dispatcher.notifyFamily(new Notice("update-1", CHILD, FAMILY, SETTING),
                (language, carer) -> dev.tandem.notifier.testing.Carers.message(Language.ENGLISH)));

        // two a second: two now, the others waiting for their slots, none refused
        assertThat(TwilioStandIn.received(twilio)).hasSize(2);
        assertThat(jdbc.sql("SELECT count(*) FROM notifier_delivery WHERE status = 'PENDING' AND next_attempt_at IS NOT NULL")
                .query(Long.class).single()).isEqualTo(3);
        int waits = 0;
        while (nextExecutionAt().isPresent() && waits++ < 20) {
            untilNextExecution();
        }
        assertThat(TwilioStandIn.received(twilio)).hasSize(5);
        assertThat(published).hasSize(5).allMatch(NotificationSent.class::isInstance);
        assertThat(clock.instant()).isBetween(Instant.parse("2026-11-23T12:00:01Z"), Instant.parse("2026-11-23T12:00:03Z"));
    }

    @Test
    void aRetryWaitingWhenThePlatformStopsIsMadeByTheSchedulerAfterItStartsAgain() {
        unavailableThenAccepting(1);
        carer("carer-1", PHONE, "anna@example.org", "en", Channel.SMS, Channel.EMAIL);
        handle(() -> notifier.on(observation("update-1")));
        DeliveryScheduling.NotifierScheduler before = scheduler();
        before.start();
        // the platform stops before the retry is due
        before.stop();
        passTo(clock.instant().plusSeconds(3));

        DeliveryScheduling.NotifierScheduler after = scheduler();
        after.start();
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> published.stream().anyMatch(NotificationSent.class::isInstance));
        } finally {
            after.stop();
        }

        NotificationSent sent = (NotificationSent) published.get(published.size() - 1);
        assertThat(sent.channel()).isEqualTo(Channel.SMS);
        assertThat(sent.attempts()).isEqualTo(2);
        assertThat(TwilioStandIn.received(twilio)).hasSize(2);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    private void unavailableThenAccepting(int failures) {
        String state = STARTED;
        for (int i = 0; i < failures; i++) {
            twilio.stubFor(post(urlPathMatching("/2010-04-01/Accounts/.+/Messages.json")).inScenario("twilio")
                    .whenScenarioStateIs(state)
                    .willReturn(aResponse().withStatus(503).withBody("<html>busy</html>"))
                    .willSetStateTo("failed " + (i + 1)));
            state = "failed " + (i + 1);
        }
        twilio.stubFor(post(urlPathMatching("/2010-04-01/Accounts/.+/Messages.json")).inScenario("twilio")
                .whenScenarioStateIs(state)
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\": \"" + SID + "\", \"status\": \"queued\"}")));
    }
}
