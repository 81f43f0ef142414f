package dev.tandem.notifier.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.tandem.api.common.Language;
import dev.tandem.notifier.dispatch.ChannelSender.Lookup;
import dev.tandem.notifier.dispatch.ProviderTimeouts;
import dev.tandem.notifier.dispatch.SendResult;
import dev.tandem.notifier.dispatch.SendResult.Outcome;
import dev.tandem.notifier.testing.Carers;
import dev.tandem.notifier.testing.StandInServer;
import dev.tandem.notifier.testing.TwilioStandIn;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real Twilio SDK, routed to a WireMock stand-in that answers as Twilio documents. */
class SmsSenderTest {

    static final ProviderTimeouts TIMEOUTS = new ProviderTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1));

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
        sender = new SmsSender(TwilioClients.create(properties, TIMEOUTS), properties, "https://tandem.example/");
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

        assertThat(result.outcome()).isEqualTo(Outcome.PERMANENT);
        assertThat(result.reason()).contains("opted out").contains("21610").doesNotContain("+447700900123");
    }

    @Test
    void otherRefusalNamesTwiliosCodeButNotTheNumber() {
        TwilioStandIn.refuses(twilio, 400, 21211, "The 'To' number +447700900123 is not a valid phone number.");

        SendResult result = sender.send(Carers.withPhone("+447700900123"), Carers.message(Language.ENGLISH));

        assertThat(result.outcome()).isEqualTo(Outcome.PERMANENT);
        assertThat(result.reason()).contains("21211").doesNotContain("+447700900123");
    }

    @Test
    void serverErrorIsTransientAfterOneAttemptEvenWithAnHtmlBody() {
        TwilioStandIn.answers(twilio, aResponse().withStatus(503).withHeader("Retry-After", "3600")
                .withBody("<html>Service Unavailable</html>"));

        SendResult result = sender.send(Carers.withPhone("+447700900123"), Carers.message(Language.ENGLISH));

        assertThat(result.outcome()).isEqualTo(Outcome.TRANSIENT);
        // the SDK would have lost the status of a page that is not Twilio's JSON
        assertThat(result.reason()).isEqualTo("SMS provider unavailable (HTTP 503)");
        // neither the SDK's own retries nor Apache's Retry-After handling may send the message again
        assertThat(twilio.getAllServeEvents()).hasSize(1);
    }

    @Test
    void tooManyRequestsIsTransient() {
        TwilioStandIn.refuses(twilio, 429, 20429, "Too Many Requests");

        SendResult result = sender.send(Carers.withPhone("+447700900123"), Carers.message(Language.ENGLISH));

        assertThat(result.outcome()).isEqualTo(Outcome.TRANSIENT);
        assertThat(twilio.getAllServeEvents()).hasSize(1);
    }

    @Test
    void refusedConnectionIsTransientNothingHavingBeenSent() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        TwilioProperties nowhere = new TwilioProperties(TwilioStandIn.ACCOUNT_SID, TwilioStandIn.AUTH_TOKEN,
                TwilioStandIn.FROM, URI.create("http://127.0.0.1:" + closedPort));
        SmsSender unreachable = new SmsSender(TwilioClients.create(nowhere, TIMEOUTS), nowhere, "http://localhost:8080");

        SendResult result = unreachable.send(Carers.withPhone("+447700900123"), Carers.message(Language.ENGLISH));

        assertThat(result.outcome()).isEqualTo(Outcome.TRANSIENT);
        assertThat(result.reason()).isEqualTo("SMS provider unreachable");
    }

    @Test
    void noAnswerWithinTheTimeoutIsUnknown() {
        TwilioStandIn.answers(twilio, aResponse().withStatus(201).withFixedDelay(3000).withBody("{}"));

        SendResult result = sender.send(Carers.withPhone("+447700900123"), Carers.message(Language.ENGLISH));

        assertThat(result.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(result.reason()).isEqualTo("no answer from the SMS provider");
        assertThat(twilio.getAllServeEvents()).hasSize(1);
    }

    @Test
    void connectionResetAfterSendingIsUnknown() {
        TwilioStandIn.resetsConnection(twilio);

        SendResult result = sender.send(Carers.withPhone("+447700900123"), Carers.message(Language.ENGLISH));

        assertThat(result.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(twilio.getAllServeEvents()).hasSize(1);
    }

    @Test
    void twiliosMessageListFindsAMessageTheCrashCutOff() {
        twilio.stubFor(get(urlPathEqualTo(TwilioStandIn.MESSAGES)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"messages": [
                          {"sid": "SMother", "to": "+447700900123", "body": "another message",
                           "date_created": "Mon, 23 Nov 2026 09:31:00 +0000", "status": "delivered"},
                          {"sid": "SMfound", "to": "+447700900123", "body": "sms body en",
                           "date_created": "Mon, 23 Nov 2026 09:30:05 +0000", "status": "sent"}],
                         "next_page_uri": null, "page": 0, "page_size": 100,
                         "uri": "/2010-04-01/Accounts/AC/Messages.json"}""")));

        Lookup lookup = sender.lookUp("+447700900123", Carers.message(Language.ENGLISH),
                Instant.parse("2026-11-23T09:30:00Z"));

        assertThat(lookup).isEqualTo(Lookup.found("SMfound"));
        LoggedRequest asked = twilio.findAll(getRequestedFor(urlPathEqualTo(TwilioStandIn.MESSAGES))).get(0);
        assertThat(asked.queryParameter("To").firstValue()).isEqualTo("+447700900123");
        assertThat(asked.getUrl()).contains("DateSent%3E=2026-11-23");
    }

    @Test
    void twiliosMessageListWithoutTheMessageSaysItWasNeverTaken() {
        twilio.stubFor(get(urlPathEqualTo(TwilioStandIn.MESSAGES)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"messages\": [], \"next_page_uri\": null, \"page\": 0, \"page_size\": 100}")));

        assertThat(sender.lookUp("+447700900123", Carers.message(Language.ENGLISH), Instant.now()))
                .isEqualTo(Lookup.notFound());
    }

    @Test
    void anUnreadableMessageListIsAskedAgainLater() {
        twilio.stubFor(get(urlPathEqualTo(TwilioStandIn.MESSAGES)).willReturn(aResponse().withStatus(503)));

        assertThat(sender.lookUp("+447700900123", Carers.message(Language.ENGLISH), Instant.now()))
                .isEqualTo(Lookup.askingFailed());
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
