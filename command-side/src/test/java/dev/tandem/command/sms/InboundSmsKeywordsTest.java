package dev.tandem.command.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.tandem.api.family.OptInToSms;
import dev.tandem.api.family.OptOutOfSms;
import dev.tandem.api.family.RecordCarerMessage;
import dev.tandem.command.lookup.RuleLookups.CarerEntry;
import dev.tandem.command.lookup.InMemoryRuleLookups;
import dev.tandem.command.web.Commands;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/** What the SMS webhook does with Twilio's keywords: which command it sends and what TwiML it answers. */
class InboundSmsKeywordsTest {

    private static final String TOKEN = "test-twilio-token";
    private static final String PUBLIC_URL = "http://localhost:8080";
    private static final String ANNA_PHONE = "+447700900123";
    private static final String TOM_PHONE = "+447700900456";

    private final List<Object> sent = new ArrayList<>();
    private InboundSmsController controller;

    @BeforeEach
    void setUp() {
        InMemoryRuleLookups lookups = new InMemoryRuleLookups()
                .carer(new CarerEntry("carer-1", "family-1", "setting-1"), ANNA_PHONE).language("carer-1", "pl")
                .carer(new CarerEntry("carer-2", "family-1", "setting-1"), TOM_PHONE);
        CommandGateway gateway = mock(CommandGateway.class);
        when(gateway.send(any())).thenAnswer(call -> {
            sent.add(call.getArgument(0));
            return CompletableFuture.completedFuture(null);
        });
        controller = new InboundSmsController(new TwilioWebhookProperties(TOKEN), PUBLIC_URL, lookups,
                new Commands(gateway), Clock.fixed(Instant.parse("2026-11-23T18:05:00Z"), ZoneOffset.UTC));
    }

    private ResponseEntity<String> text(String from, String body) {
        Map<String, String> form = new TreeMap<>(Map.of("From", from, "To", "+447700900000", "Body", body,
                "MessageSid", "SM" + Math.abs(body.hashCode())));
        String encoded = form.entrySet().stream()
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/webhooks/twilio/sms")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(encoded));
        return controller.receive(exchange, signature(PUBLIC_URL + "/webhooks/twilio/sms", form)).block();
    }

    /** Twilio's scheme: HMAC-SHA1 of the URL followed by each field name and value in name order. */
    private static String signature(String url, Map<String, String> sortedForm) {
        try {
            StringBuilder data = new StringBuilder(url);
            sortedForm.forEach((name, value) -> data.append(name).append(value));
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void stopOptsTheSendingCarerOutOfSmsAndConfirmsItInTheirLanguage() {
        ResponseEntity<String> answer = text(ANNA_PHONE, "STOP");
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getBody()).contains("<Message>", "START").doesNotContain("no more SMS");
        assertThat(sent).containsExactly(new OptOutOfSms("family-1", "carer-1"));
    }

    @Test
    void anyOptOutWordInAnyCaseOptsOut() {
        text(TOM_PHONE, " unsubscribe ");
        assertThat(sent).containsExactly(new OptOutOfSms("family-1", "carer-2"));
    }

    @Test
    void startOptsTheSendingCarerBackIn() {
        assertThat(text(ANNA_PHONE, "Start").getBody()).contains("<Message>", "STOP");
        assertThat(sent).containsExactly(new OptInToSms("family-1", "carer-1"));
    }

    @Test
    void helpIsAnsweredInTheCarersLanguageAndRecordsNothing() {
        ResponseEntity<String> answer = text(ANNA_PHONE, "HELP");
        assertThat(answer.getBody()).contains("<Message>", "wiadomości ze żłobka");
        assertThat(sent).isEmpty();
    }

    @Test
    void helpToACarerWithoutAStatedLanguageIsInEnglish() {
        assertThat(text(TOM_PHONE, "info").getBody()).contains("messages from your child");
    }

    @Test
    void helpFromAnUnknownNumberIsAnsweredInEnglish() {
        assertThat(text("+447700900999", "HELP").getBody()).contains("messages from your child");
        assertThat(sent).isEmpty();
    }

    @Test
    void stopFromAnUnknownNumberSendsNothing() {
        assertThat(text("+447700900999", "STOP").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(sent).isEmpty();
    }

    @Test
    void aMessageThatMerelyContainsStopIsAMessage() {
        text(ANNA_PHONE, "Please stop sending the lunch menu");
        assertThat(sent).singleElement().isInstanceOf(RecordCarerMessage.class);
    }

    @Test
    void aKeywordWithABadSignatureIsRefusedAndSendsNothing() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/webhooks/twilio/sms")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body("From=%2B447700900123&Body=STOP&MessageSid=SM1"));
        assertThat(controller.receive(exchange, "forged").block().getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(sent).isEmpty();
    }
}
