package dev.tandem.notifier.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.api.common.Channel;
import dev.tandem.api.common.Language;
import dev.tandem.api.delivery.NotificationFailed;
import dev.tandem.api.delivery.NotificationSent;
import dev.tandem.notifier.testing.Carers;
import dev.tandem.notifier.testing.TwilioStandIn;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An attempt a crash cut off mid-call (its row in flight, its process gone) is reconciled: an SMS is
 * looked up in Twilio's message list and sent again only if Twilio never got it; any other channel is
 * given up and the carer's next one tried.
 */
@Timeout(60)
class ReconciliationTest extends DispatchTestBase {

    static final String PHONE = "+447700900123";

    @Test
    void anSmsTwilioTookIsSettledAsSentWithoutSendingItAgain() {
        carer("carer-1", PHONE, "anna@example.org", "en", Channel.SMS, Channel.EMAIL);
        String id = cutOffMidCall(Channel.SMS, PHONE);
        twilio.stubFor(get(urlPathEqualTo(TwilioStandIn.MESSAGES)).willReturn(list("""
                {"sid": "SMtaken", "to": "+447700900123", "body": "sms body en",
                 "date_created": "Mon, 23 Nov 2026 12:00:00 +0000", "status": "sent"}""")));
        passTo(clock.instant().plus(TIMEOUTS.callSurelyOver()).plusSeconds(1));

        assertThat(reconciler.run()).isEqualTo(1);

        NotificationSent sent = only(NotificationSent.class);
        assertThat(sent.providerId()).isEqualTo("SMtaken");
        assertThat(sent.channel()).isEqualTo(Channel.SMS);
        assertThat(deliveries.find(id).orElseThrow().status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(twilio.findAll(postRequestedFor(urlPathMatching(".*/Messages.json")))).isEmpty();
        assertThat(twilio.findAll(getRequestedFor(urlPathEqualTo(TwilioStandIn.MESSAGES))).get(0)
                .queryParameter("To").firstValue()).isEqualTo(PHONE);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void anSmsTwilioNeverGotIsSentAgainOnTheSameChannel() {
        carer("carer-1", PHONE, "anna@example.org", "en", Channel.SMS, Channel.EMAIL);
        String id = cutOffMidCall(Channel.SMS, PHONE);
        twilio.stubFor(get(urlPathEqualTo(TwilioStandIn.MESSAGES)).willReturn(list("")));
        TwilioStandIn.accepts(twilio, "SMagain");
        passTo(clock.instant().plus(TIMEOUTS.callSurelyOver()).plusSeconds(1));

        reconciler.run();
        untilNextExecution();

        assertThat(published).extracting(Object::getClass).containsExactly(
                dev.tandem.api.delivery.NotificationRetryScheduled.class, NotificationSent.class);
        NotificationSent sent = (NotificationSent) published.get(1);
        assertThat(sent.providerId()).isEqualTo("SMagain");
        assertThat(sent.attempts()).isEqualTo(2);
        assertThat(TwilioStandIn.received(twilio)).hasSize(1);
        assertThat(deliveries.find(id).orElseThrow().status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void anEmailCutOffIsGivenUpAndTheNextChannelTried() {
        TwilioStandIn.accepts(twilio, "SMnext");
        carer("carer-1", PHONE, "anna@example.org", "en", Channel.EMAIL, Channel.SMS);
        cutOffMidCall(Channel.EMAIL, "anna@example.org");
        passTo(clock.instant().plus(TIMEOUTS.callSurelyOver()).plusSeconds(1));

        reconciler.run();

        assertThat(published).extracting(Object::getClass)
                .containsExactly(NotificationFailed.class, NotificationSent.class);
        assertThat(((NotificationFailed) published.get(0)).reason()).isEqualTo("interrupted before the provider answered");
        assertThat(((NotificationSent) published.get(1)).channel()).isEqualTo(Channel.SMS);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void aCallThatMayStillBeLiveIsLeftAlone() {
        carer("carer-1", PHONE, "anna@example.org", "en", Channel.EMAIL, Channel.SMS);
        String id = cutOffMidCall(Channel.EMAIL, "anna@example.org");
        passTo(clock.instant().plusSeconds(1));

        assertThat(reconciler.run()).isZero();

        assertThat(deliveries.find(id).orElseThrow().inFlight()).isTrue();
        assertThat(published).isEmpty();
    }

    @Test
    void whenTwiliosListCannotBeReadTheAttemptWaitsForTheNextRun() {
        carer("carer-1", PHONE, "anna@example.org", "en", Channel.SMS, Channel.EMAIL);
        String id = cutOffMidCall(Channel.SMS, PHONE);
        twilio.stubFor(get(urlPathEqualTo(TwilioStandIn.MESSAGES)).willReturn(aResponse().withStatus(503)));
        passTo(clock.instant().plus(TIMEOUTS.callSurelyOver()).plusSeconds(1));

        reconciler.run();

        assertThat(deliveries.find(id).orElseThrow().inFlight()).isTrue();
        assertThat(published).isEmpty();
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    /** What a crash mid-call leaves behind: the attempt opened and started, no answer written. */
    private String cutOffMidCall(Channel channel, String address) {
        Notice notice = new Notice("update-1", CHILD, FAMILY, SETTING);
        String id = deliveries.openAttempt(notice, "carer-1", channel, Carers.message(Language.ENGLISH))
                .attempt().notificationId();
        deliveries.startCall(id, address, null, null, Duration.ofMinutes(15));
        return id;
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder list(String messages) {
        return aResponse().withHeader("Content-Type", "application/json").withBody("""
                {"messages": [%s], "next_page_uri": null, "page": 0, "page_size": 100,
                 "uri": "/2010-04-01/Accounts/AC/Messages.json"}""".formatted(messages));
    }
}
