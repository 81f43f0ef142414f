package dev.tandem.notifier.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.api.common.Channel;
import dev.tandem.api.common.Language;
import dev.tandem.api.delivery.NotificationFailed;
import dev.tandem.api.delivery.NotificationSent;
import dev.tandem.api.delivery.NotificationSkipped;
import dev.tandem.api.family.DevicePlatform;
import dev.tandem.api.family.DeviceRegistered;
import dev.tandem.api.observation.ObservationShared;
import dev.tandem.api.setting.SettingCreated;
import dev.tandem.notifier.testing.Carers;
import dev.tandem.notifier.testing.FcmStandIn;
import dev.tandem.notifier.testing.MailText;
import dev.tandem.notifier.testing.TwilioStandIn;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Dispatching an observation: languages, channels, fallback, and at most once per carer and channel. */
class DispatchTest extends DispatchTestBase {

    @Test
    void carerWhoPrefersPolishGetsAPolishSms() {
        TwilioStandIn.accepts(twilio, "SM00000000000000000000000000000001");
        carer("carer-1", "+447700900123", null, "pl", Channel.SMS);

        deliver(observation("update-1"));

        Map<String, String> sms = TwilioStandIn.received(twilio).get(0);
        assertThat(sms.get("To")).isEqualTo("+447700900123");
        assertThat(sms.get("Body")).startsWith("Acorn Nursery: Jane Smith, osoba kluczowa dziecka Zofia, przesyła")
                .contains("Zofia zbudowała wieżę.").endsWith("Odpowiedz na tę wiadomość, aby odpisać.");
        NotificationSent sent = only(NotificationSent.class);
        assertThat(sent.channel()).isEqualTo(Channel.SMS);
        assertThat(sent.language()).isEqualTo("pl");
        assertThat(sent.providerId()).isEqualTo("SM00000000000000000000000000000001");
        assertThat(sent.address()).isEqualTo("+447700900123");
        assertThat(sent.updateId()).isEqualTo("update-1");
        assertThat(sent.carerId()).isEqualTo("carer-1");
        assertThat(sent.notificationId()).isEqualTo(DeliveryLog.notificationId("update-1", "carer-1", Channel.SMS));
        assertThat(sentMessages.languageOfProviderMessage("SM00000000000000000000000000000001")).contains("pl");
    }

    @Test
    void carerWithoutATranslatedLanguageGetsTheNurserysDefault() {
        recipientEvents.on(new SettingCreated(SETTING, "Acorn Nursery", "Europe/London", "ur", "admin-1"));
        TwilioStandIn.accepts(twilio, "SM00000000000000000000000000000002");
        carer("carer-1", "+447700900123", null, "de", Channel.SMS);

        deliver(observation("update-1"));

        assertThat(TwilioStandIn.received(twilio).get(0).get("Body")).contains("مشاہدہ");
        assertThat(only(NotificationSent.class).language()).isEqualTo("ur");
    }

    @Test
    void fallsBackToEmailWhenSmsProviderRefuses() throws Exception {
        TwilioStandIn.refuses(twilio, 400, 21211, "The 'To' number is not a valid phone number.");
        carer("carer-1", "+447700900123", "anna@example.org", "pl", Channel.SMS, Channel.EMAIL);

        deliver(observation("update-1"));

        assertThat(published).hasSize(2);
        NotificationFailed failed = (NotificationFailed) published.get(0);
        assertThat(failed.channel()).isEqualTo(Channel.SMS);
        assertThat(failed.reason()).contains("21211");
        assertThat(failed.attempts()).isEqualTo(1);
        NotificationSent sent = (NotificationSent) published.get(1);
        assertThat(sent.channel()).isEqualTo(Channel.EMAIL);
        assertThat(sent.language()).isEqualTo("pl");
        MimeMessage email = greenMail.getReceivedMessages()[0];
        assertThat(email.getSubject()).isEqualTo("Acorn Nursery: nowa obserwacja dotycząca dziecka Zofia");
        assertThat(email.getContentLanguage()).containsExactly("pl");
        assertThat(MailText.plain(email)).isNotBlank();
        assertThat(sent.providerId()).isEqualTo(email.getMessageID());
        assertThat(sentMessages.languageOfProviderMessage(email.getMessageID())).contains("pl");
        assertThat(TwilioStandIn.received(twilio)).hasSize(1);
        assertThat(nextExecutionAt()).isEmpty();
    }

    @Test
    void firstUsableChannelInTheCarersOrderIsUsed() {
        TwilioStandIn.accepts(twilio, "SM00000000000000000000000000000003");
        // APP comes first but there is no device: SMS is the first channel that can reach them
        carer("carer-1", "+447700900123", "anna@example.org", "en", Channel.APP, Channel.SMS, Channel.EMAIL);

        deliver(observation("update-1"));

        assertThat(published).hasSize(1);
        assertThat(only(NotificationSent.class).channel()).isEqualTo(Channel.SMS);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void appNotificationGoesToTheCarersDevice() {
        FcmStandIn.accepts(fcm, "0:42");
        carer("carer-1", null, null, "ur", Channel.APP, Channel.SMS);
        recipientEvents.on(new DeviceRegistered(FAMILY, "carer-1", "device-1", DevicePlatform.ANDROID));

        deliver(observation("update-1"));

        NotificationSent sent = only(NotificationSent.class);
        assertThat(sent.channel()).isEqualTo(Channel.APP);
        assertThat(sent.address()).isEqualTo("device-1");
        assertThat(sent.providerId()).endsWith("/messages/0:42");
        assertThat(sent.language()).isEqualTo("ur");
    }

    @Test
    void deadDeviceIsForgottenAndTheNextChannelUsed() {
        FcmStandIn.unregistered(fcm, "gone-device");
        carer("carer-1", null, "anna@example.org", "en", Channel.APP, Channel.EMAIL);
        recipientEvents.on(new DeviceRegistered(FAMILY, "carer-1", "gone-device", DevicePlatform.IOS));

        deliver(observation("update-1"));
        deliver(observation("update-2"));

        assertThat(published).extracting(Object::getClass).containsExactly(
                NotificationFailed.class, NotificationSent.class, NotificationSent.class);
        assertThat(((NotificationFailed) published.get(0)).reason()).contains("UNREGISTERED");
        // the second update did not try the dead device again
        assertThat(((NotificationSent) published.get(2)).channel()).isEqualTo(Channel.EMAIL);
        assertThat(jdbc.sql("SELECT count(*) FROM notifier_device").query(Long.class).single()).isZero();
        assertThat(greenMail.getReceivedMessages()).hasSize(2);
    }

    @Test
    void skipsACarerWithNoUsableChannel() {
        carer("carer-1", null, null, "en", Channel.APP, Channel.SMS);

        deliver(observation("update-1"));

        NotificationSkipped skipped = only(NotificationSkipped.class);
        assertThat(skipped.carerId()).isEqualTo("carer-1");
        assertThat(skipped.reason()).contains("no registered device").contains("no phone number");
        assertThat(twilio.getAllServeEvents()).isEmpty();
        assertThat(status("update-1", "carer-1")).containsExactly("SKIPPED");
    }

    @Test
    void everyCarerOfTheFamilyIsToldInTheirOwnLanguage() throws Exception {
        TwilioStandIn.accepts(twilio, "SM00000000000000000000000000000004");
        carer("carer-1", "+447700900123", null, "en", Channel.SMS);
        carer("carer-2", null, "piotr@example.org", "pl", Channel.EMAIL);
        jdbc.sql("INSERT INTO notifier_carer (carer_id, family_id, setting_id, name, channels) "
                + "VALUES ('other-family-carer', 'family-2', 'setting-1', 'Someone Else', 'SMS')").update();

        deliver(observation("update-1"));

        assertThat(published).hasSize(2).allMatch(NotificationSent.class::isInstance);
        assertThat(TwilioStandIn.received(twilio)).hasSize(1);
        assertThat(TwilioStandIn.received(twilio).get(0).get("Body")).contains("Reply to this message to answer.");
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(greenMail.getReceivedMessages()[0].getContentLanguage()).containsExactly("pl");
    }

    @Test
    void aRedeliveredObservationSendsNothingTwice() {
        TwilioStandIn.accepts(twilio, "SM00000000000000000000000000000005");
        carer("carer-1", "+447700900123", null, "en", Channel.SMS);

        deliver(observation("update-1"));
        deliver(observation("update-1"));

        assertThat(TwilioStandIn.received(twilio)).hasSize(1);
        assertThat(published).hasSize(1);
    }

    @Test
    void redeliveryAfterARolledBackBatchPublishesTheOutcomeWithoutSendingAgain() {
        TwilioStandIn.accepts(twilio, "SM00000000000000000000000000000006");
        carer("carer-1", "+447700900123", null, "en", Channel.SMS);

        transaction.executeWithoutResult(status -> {
            notifier.on(observation("update-1"));
            // e.g. storing the token failed: the processor's transaction, with the events it published, is undone
            status.setRollbackOnly();
        });
        published.clear();
        deliver(observation("update-1"));

        assertThat(TwilioStandIn.received(twilio)).hasSize(1);
        assertThat(only(NotificationSent.class).providerId()).isEqualTo("SM00000000000000000000000000000006");
    }

    @Test
    void aRedeliveredObservationLeavesAnAttemptInFlightToTheReconciler() {
        TwilioStandIn.accepts(twilio, "SM00000000000000000000000000000007");
        carer("carer-1", "+447700900123", "anna@example.org", "en", Channel.SMS, Channel.EMAIL);
        Notice notice = new Notice("update-1", CHILD, FAMILY, SETTING);
        String id = deliveries.openAttempt(notice, "carer-1", Channel.SMS, Carers.message(Language.ENGLISH))
                .attempt().notificationId();
        deliveries.startCall(id, "+447700900123", 1, "GSM-7", Duration.ofMinutes(15));

        deliver(observation("update-1"));

        assertThat(twilio.getAllServeEvents()).isEmpty();
        assertThat(published).isEmpty();
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void anObservationAboutAnUnknownChildTellsNobody() {
        carer("carer-1", "+447700900123", null, "en", Channel.SMS);

        deliver(new ObservationShared("update-1", "unknown-child", FAMILY, SETTING, KEY_PERSON, "text",
                Set.of(), null, Instant.now()));

        assertThat(published).isEmpty();
        assertThat(twilio.getAllServeEvents()).isEmpty();
    }

    private void deliver(ObservationShared event) {
        transaction.executeWithoutResult(status -> notifier.on(event));
    }
}
