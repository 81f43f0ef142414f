package dev.tandem.notifier.sms;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import dev.tandem.api.common.Channel;
import dev.tandem.api.common.Language;
import dev.tandem.api.delivery.NotificationStatusReported;
import dev.tandem.api.delivery.ProviderStatus;
import dev.tandem.notifier.dispatch.DeliveryLog;
import dev.tandem.notifier.dispatch.DeliverySchedule;
import dev.tandem.notifier.dispatch.DeliveryStatus;
import dev.tandem.notifier.dispatch.Notice;
import dev.tandem.notifier.testing.Carers;
import dev.tandem.notifier.testing.NotifierTables;
import dev.tandem.notifier.testing.TwilioStandIn;
import dev.tandem.support.testing.TestClock;
import dev.tandem.support.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventhandling.gateway.DefaultEventGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * Twilio's status callback: signed, forward only; {@code undelivered} fails the attempt and schedules
 * the carer's next channel once, however often Twilio repeats it.
 */
class TwilioStatusControllerTest {

    static final String URL = "https://tandem.example";
    static final String SID = "SM00000000000000000000000000000300";

    final DataSource dataSource = TestDatabase.dataSource();
    final JdbcClient jdbc = JdbcClient.create(dataSource);
    final List<Object> published = new CopyOnWriteArrayList<>();
    DeliveryLog deliveries;
    WebTestClient http;
    String notificationId;

    @BeforeEach
    void setUp() {
        NotifierTables.clear();
        SimpleEventBus bus = SimpleEventBus.builder().build();
        bus.subscribe(messages -> messages.stream().map(EventMessage::getPayload).forEach(published::add));
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        TestClock clock = new TestClock(Instant.parse("2026-11-23T12:00:00Z"));
        deliveries = new DeliveryLog(jdbc, transactions, clock, new DeliverySchedule(SchedulerClient.Builder
                .create(new TransactionAwareDataSourceProxy(dataSource), List.of()).tableName(DeliverySchedule.TABLE)
                .build()));
        TwilioProperties twilio = new TwilioProperties(TwilioStandIn.ACCOUNT_SID, TwilioStandIn.AUTH_TOKEN,
                TwilioStandIn.FROM, null);
        http = WebTestClient.bindToController(new TwilioStatusController(twilio, URL, deliveries,
                DefaultEventGateway.builder().eventBus(bus).build(), transactions, clock)).build();
        Notice notice = new Notice("update-1", "child-1", "family-1", "setting-1");
        notificationId = deliveries.openAttempt(notice, "carer-1", Channel.SMS, Carers.message(Language.ENGLISH))
                .attempt().notificationId();
        deliveries.startCall(notificationId, "+447700900123", 1, "GSM-7", Duration.ofMinutes(15));
        deliveries.settle(notificationId, DeliveryStatus.SENT, SID, "+447700900123", null);
    }

    @Test
    void deliveredMovesTheAttemptForwardAndALateSentDoesNotMoveItBack() {
        report("delivered", null).expectStatus().isNoContent();
        report("sent", null).expectStatus().isNoContent();

        assertThat(deliveries.find(notificationId).orElseThrow().status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(published).singleElement().isInstanceOfSatisfying(NotificationStatusReported.class,
                reported -> assertThat(reported.status()).isEqualTo(ProviderStatus.DELIVERED));
        assertThat(scheduled()).isZero();
    }

    @Test
    void undeliveredFailsTheAttemptAndSchedulesTheNextChannelOnce() {
        report("undelivered", "30003").expectStatus().isNoContent();
        report("undelivered", "30003").expectStatus().isNoContent();
        report("failed", "30003").expectStatus().isNoContent();

        assertThat(deliveries.find(notificationId).orElseThrow().status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(deliveries.find(notificationId).orElseThrow().detail()).isEqualTo("reported undelivered (error 30003)");
        assertThat(published).singleElement().isInstanceOfSatisfying(NotificationStatusReported.class,
                reported -> assertThat(reported.errorCode()).isEqualTo("30003"));
        assertThat(scheduled()).isEqualTo(1);
    }

    @Test
    void aBadSignatureIsRefusedAndChangesNothing() {
        http.post().uri("/webhooks/twilio/status")
                .header("X-Twilio-Signature", "forged")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("MessageSid", SID).with("MessageStatus", "undelivered"))
                .exchange()
                .expectStatus().isForbidden();

        assertThat(deliveries.find(notificationId).orElseThrow().status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(scheduled()).isZero();
    }

    private long scheduled() {
        return jdbc.sql("SELECT count(*) FROM notifier_scheduled_task").query(Long.class).single();
    }

    private WebTestClient.ResponseSpec report(String status, String errorCode) {
        Map<String, String> form = new TreeMap<>(Map.of("MessageSid", SID, "MessageStatus", status));
        if (errorCode != null) {
            form.put("ErrorCode", errorCode);
        }
        var body = BodyInserters.fromFormData("MessageSid", SID).with("MessageStatus", status);
        if (errorCode != null) {
            body = body.with("ErrorCode", errorCode);
        }
        return http.post().uri("/webhooks/twilio/status")
                .header("X-Twilio-Signature", signature(URL + "/webhooks/twilio/status", form))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(body)
                .exchange();
    }

    private static String signature(String url, Map<String, String> sorted) {
        StringBuilder data = new StringBuilder(url);
        sorted.forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(TwilioStandIn.AUTH_TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
