package dev.tandem.notifier.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.tandem.api.common.Language;
import dev.tandem.notifier.dispatch.SendResult;
import dev.tandem.notifier.testing.Carers;
import dev.tandem.notifier.testing.StandInServer;
import dev.tandem.notifier.testing.TwilioStandIn;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real Twilio SDK, routed to a WireMock stand-in that answers as Twilio documents. */
class SmsSenderTest {

    static WireMockServer twilio;

    SmsSender sender;

    @BeforeAll
    static void startTwilio() {
        twilio = StandInServer.start();
    }

    @AfterAll
    static void stopTwilio() {
        twilio.stop();
    }

    @BeforeEach
    void setUp() {
        twilio.resetAll();
        TwilioProperties properties = TwilioStandIn.properties(twilio);
        sender = new SmsSender(TwilioClients.create(properties), properties, "https://tandem.example/");
    }

    @Test
    void acceptedMessageIsIdentifiedByItsSid() {
        TwilioStandIn.accepts(twilio, "SM11111111111111111111111111111111");

        SendResult result = sender.send(Carers.withPhone("+447700900123"), Carers.message(Language.POLISH));

        assertThat(result.accepted()).isTrue();
        assertThat(result.providerId()).isEqualTo("SM11111111111111111111111111111111");
        assertThat(result.address()).isEqualTo("+447700900123");
        Map<String, String> form = TwilioStandIn.received(twilio).get(0);
        assertThat(form).containsEntry("To", "+447700900123")
                .containsEntry("From", TwilioStandIn.FROM)
                .containsEntry("Body", "sms body pl")
                .containsEntry("StatusCallback", "https://tandem.example/webhooks/twilio/status");
        String credentials = Base64.getEncoder().encodeToString(
                (TwilioStandIn.ACCOUNT_SID + ":" + TwilioStandIn.AUTH_TOKEN).getBytes(StandardCharsets.UTF_8));
        assertThat(twilio.getAllServeEvents().get(0).getRequest().getHeader("Authorization"))
                .isEqualTo("Basic " + credentials);
    }

    @Test
    void optedOutRecipientIsAFailureThatSaysSo() {
        TwilioStandIn.refuses(twilio, 400, 21610, "Attempt to send to unsubscribed recipient");

        SendResult result = sender.send(Carers.withPhone("+447700900123"), Carers.message(Language.ENGLISH));

        assertThat(result.accepted()).isFalse();
        assertThat(result.reason()).contains("opted out").contains("21610").doesNotContain("+447700900123");
    }

    @Test
    void otherRefusalNamesTwiliosCodeButNotTheNumber() {
        TwilioStandIn.refuses(twilio, 400, 21211, "The 'To' number +447700900123 is not a valid phone number.");

        SendResult result = sender.send(Carers.withPhone("+447700900123"), Carers.message(Language.ENGLISH));

        assertThat(result.accepted()).isFalse();
        assertThat(result.reason()).contains("21211").doesNotContain("+447700900123");
    }

    @Test
    void serverErrorIsAFailureAfterOneAttempt() {
        TwilioStandIn.answers(twilio, aResponse().withStatus(503).withHeader("Retry-After", "3600")
                .withBody("Service Unavailable"));

        SendResult result = sender.send(Carers.withPhone("+447700900123"), Carers.message(Language.ENGLISH));

        assertThat(result.accepted()).isFalse();
        assertThat(result.reason()).isNotBlank();
        // neither the SDK's own retries nor Apache's Retry-After handling may send the message again
        assertThat(twilio.getAllServeEvents()).hasSize(1);
    }

    @Test
    void connectionResetIsAFailure() {
        TwilioStandIn.resetsConnection(twilio);

        SendResult result = sender.send(Carers.withPhone("+447700900123"), Carers.message(Language.ENGLISH));

        assertThat(result.accepted()).isFalse();
        assertThat(result.reason()).isEqualTo("SMS provider unreachable");
        assertThat(twilio.getAllServeEvents()).hasSize(1);
    }

    @Test
    void carerWithoutPhoneCannotBeReachedBySms() {
        assertThat(sender.unusableBecause(Carers.withEmail("anna@example.org"))).contains("no phone number");
        assertThat(sender.unusableBecause(Carers.withPhone("+447700900123"))).isEmpty();
    }

    @Test
    void withoutTwilioAccountSmsIsNotUsable() {
        SmsSender unconfigured = new SmsSender((com.twilio.http.TwilioRestClient) null,
                new TwilioProperties(null, null, null, null), "http://localhost:8080");

        assertThat(unconfigured.unusableBecause(Carers.withPhone("+447700900123")))
                .contains("SMS provider not configured");
    }
}
