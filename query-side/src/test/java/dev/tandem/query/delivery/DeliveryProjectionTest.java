package dev.tandem.query.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.api.common.Channel;
import dev.tandem.api.delivery.FetchDeliveries;
import dev.tandem.api.delivery.NotificationFailed;
import dev.tandem.api.delivery.NotificationHeldBack;
import dev.tandem.api.delivery.NotificationKind;
import dev.tandem.api.delivery.NotificationRetryScheduled;
import dev.tandem.api.delivery.NotificationSent;
import dev.tandem.api.delivery.NotificationSkipped;
import dev.tandem.api.delivery.NotificationStatusReported;
import dev.tandem.api.delivery.ProviderStatus;
import dev.tandem.api.delivery.UpdateDeliveries.Delivery;
import dev.tandem.api.delivery.UpdateDeliveries.Status;
import dev.tandem.query.TestMongo;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The deliveries of an update, driven by calling the projection's handlers as the processor would. */
class DeliveryProjectionTest {

    static final Instant LATE_EVENING = Instant.parse("2026-11-23T23:00:00Z");
    static final Instant MORNING = Instant.parse("2026-11-24T07:00:00Z");

    private TestMongo mongo;
    private DeliveryProjection deliveries;

    @BeforeEach
    void setUp() {
        mongo = new TestMongo();
        deliveries = new DeliveryProjection(mongo.template());
        deliveries.afterPropertiesSet();
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void heldBackNotificationShowsAsPendingWithoutAChannelAndSaysUntilWhen() throws Exception {
        deliveries.on(heldBack("carer-1", MORNING, LATE_EVENING));

        assertThat(rows("update-1")).containsExactly(new Delivery("carer-1", null, "pl", Status.PENDING,
                "held back for quiet hours until 2026-11-24T07:00:00Z", LATE_EVENING, NotificationKind.SHARED, 0,
                MORNING, null, null));
        assertThat(rows("update-2")).isEmpty();
    }

    @Test
    void onceTheHeldBackNotificationIsSentOnlyTheSentRowIsShown() throws Exception {
        deliveries.on(heldBack("carer-1", MORNING, LATE_EVENING));
        deliveries.on(heldBack("carer-2", MORNING, LATE_EVENING));
        deliveries.on(sent("carer-1", MORNING));

        assertThat(rows("update-1")).containsExactly(
                new Delivery("carer-2", null, "pl", Status.PENDING,
                        "held back for quiet hours until 2026-11-24T07:00:00Z", LATE_EVENING, NotificationKind.SHARED, 0,
                        MORNING, null, null),
                new Delivery("carer-1", "SMS", "pl", Status.SENT, null, MORNING, NotificationKind.SHARED, 1, null, 1,
                        "GSM-7"));
    }

    @Test
    void heldBackThenWithdrawnShowsOnlyTheSkippedRow() throws Exception {
        deliveries.on(heldBack("carer-1", MORNING, LATE_EVENING));
        deliveries.on(withdrawn("carer-1", LATE_EVENING.plusSeconds(600)));

        assertThat(rows("update-1")).containsExactly(new Delivery("carer-1", null, null, Status.SKIPPED, "withdrawn",
                LATE_EVENING.plusSeconds(600), NotificationKind.SHARED, 0, null, null, null));
    }

    @Test
    void heldBackAgainWhenTheCarerMovesTheirQuietHoursRewritesTheOneRow() throws Exception {
        Instant later = MORNING.plusSeconds(3600);
        deliveries.on(heldBack("carer-1", MORNING, LATE_EVENING));
        deliveries.on(heldBack("carer-1", later, MORNING));

        assertThat(rows("update-1")).singleElement().satisfies(row -> {
            assertThat(row.status()).isEqualTo(Status.PENDING);
            assertThat(row.detail()).isEqualTo("held back for quiet hours until 2026-11-24T08:00:00Z");
        });
    }

    @Test
    void replayingTheSameEventsChangesNothing() throws Exception {
        Runnable events = () -> {
            deliveries.on(heldBack("carer-1", MORNING, LATE_EVENING));
            deliveries.on(sent("carer-1", MORNING));
            deliveries.on(new NotificationStatusReported("n-carer-1", "update-1", "child-1", "family-1", "carer-1",
                    Channel.SMS, ProviderStatus.DELIVERED, null, MORNING.plusSeconds(5)));
            deliveries.on(heldBack("carer-2", MORNING, LATE_EVENING));
            deliveries.on(withdrawn("carer-2", LATE_EVENING.plusSeconds(600)));
            deliveries.on(heldBack("carer-3", MORNING, LATE_EVENING));
        };
        events.run();
        List<Delivery> once = rows("update-1");

        events.run();

        assertThat(rows("update-1")).isEqualTo(once).containsExactly(
                new Delivery("carer-3", null, "pl", Status.PENDING,
                        "held back for quiet hours until 2026-11-24T07:00:00Z", LATE_EVENING, NotificationKind.SHARED, 0,
                        MORNING, null, null),
                new Delivery("carer-2", null, null, Status.SKIPPED, "withdrawn", LATE_EVENING.plusSeconds(600),
                        NotificationKind.SHARED, 0, null, null, null),
                new Delivery("carer-1", "SMS", "pl", Status.DELIVERED, null, MORNING.plusSeconds(5),
                        NotificationKind.SHARED, 1, null, 1, "GSM-7"));
    }

    @Test
    void aLateSentEventNeverUndoesDelivered() throws Exception {
        deliveries.on(sent("carer-1", MORNING));
        deliveries.on(new NotificationStatusReported("n-carer-1", "update-1", "child-1", "family-1", "carer-1",
                Channel.SMS, ProviderStatus.DELIVERED, null, MORNING.plusSeconds(5)));
        deliveries.on(sent("carer-1", MORNING));

        assertThat(rows("update-1")).extracting(Delivery::status).containsExactly(Status.DELIVERED);
    }

    @Test
    void aRetryShowsPendingOnItsChannelWithItsAttemptsAndWhenItIsNext() throws Exception {
        Instant next = MORNING.plusSeconds(2);
        deliveries.on(retry("carer-1", 1, next, MORNING));

        assertThat(rows("update-1")).containsExactly(new Delivery("carer-1", "SMS", "pl", Status.PENDING,
                "SMS provider error (HTTP 503)", MORNING, NotificationKind.SHARED, 1, next, 2, "UCS-2"));

        deliveries.on(retry("carer-1", 2, next.plusSeconds(4), next));
        deliveries.on(new NotificationSent("n-carer-1", "update-1", "child-1", "family-1", "carer-1", Channel.SMS, "pl",
                "+447700900101", "SM0001", next.plusSeconds(4), NotificationKind.SHARED, 3, 2, "UCS-2"));

        assertThat(rows("update-1")).singleElement().satisfies(row -> {
            assertThat(row.status()).isEqualTo(Status.SENT);
            assertThat(row.attempts()).isEqualTo(3);
            assertThat(row.nextAttemptAt()).isNull();
            assertThat(row.segments()).isEqualTo(2);
            assertThat(row.encoding()).isEqualTo("UCS-2");
        });
    }

    @Test
    void aWithdrawalWhileARetryWaitsLeavesOnlyTheSkippedRow() throws Exception {
        deliveries.on(retry("carer-1", 1, MORNING.plusSeconds(2), MORNING));
        deliveries.on(withdrawn("carer-1", MORNING.plusSeconds(1)));

        assertThat(rows("update-1")).extracting(Delivery::status).containsExactly(Status.SKIPPED);
    }

    @Test
    void eachTellingOfAMeetingHasRowsOfItsOwnKind() throws Exception {
        deliveries.on(sent("carer-1", MORNING));
        deliveries.on(new NotificationStatusReported("n-carer-1", "update-1", "child-1", "family-1", "carer-1",
                Channel.SMS, ProviderStatus.DELIVERED, null, MORNING.plusSeconds(5)));
        deliveries.on(new NotificationSent("n-moved", "update-1", "child-1", "family-1", "carer-1", Channel.SMS, "pl",
                "+447700900101", "SM0002", MORNING.plusSeconds(60), NotificationKind.RESCHEDULED, 1, 1, "GSM-7"));
        deliveries.on(new NotificationFailed("n-cancelled", "update-1", "child-1", "family-1", "carer-1", Channel.SMS,
                "pl", "SMS provider refused (Twilio 21211, HTTP 400)", MORNING.plusSeconds(120),
                NotificationKind.CANCELLED, 1, 1, "GSM-7"));

        assertThat(rows("update-1")).extracting(Delivery::kind, Delivery::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(NotificationKind.SHARED, Status.DELIVERED),
                org.assertj.core.groups.Tuple.tuple(NotificationKind.RESCHEDULED, Status.SENT),
                org.assertj.core.groups.Tuple.tuple(NotificationKind.CANCELLED, Status.FAILED));
    }

    @Test
    void anUndeliveredReportMovesTheSentRowToFailed() throws Exception {
        deliveries.on(sent("carer-1", MORNING));
        deliveries.on(new NotificationStatusReported("n-carer-1", "update-1", "child-1", "family-1", "carer-1",
                Channel.SMS, ProviderStatus.FAILED, "30003", MORNING.plusSeconds(5)));

        assertThat(rows("update-1")).singleElement().satisfies(row -> {
            assertThat(row.status()).isEqualTo(Status.FAILED);
            assertThat(row.detail()).isEqualTo("error 30003");
            assertThat(row.segments()).isEqualTo(1);
        });
    }

    @Test
    void aReportThatOvertookTheSentEventKeepsItsStatusAndGainsTheRest() throws Exception {
        deliveries.on(new NotificationStatusReported("n-carer-1", "update-1", "child-1", "family-1", "carer-1",
                Channel.SMS, ProviderStatus.DELIVERED, null, MORNING.plusSeconds(5)));
        deliveries.on(sent("carer-1", MORNING));

        assertThat(rows("update-1")).containsExactly(new Delivery("carer-1", "SMS", "pl", Status.DELIVERED, null,
                MORNING.plusSeconds(5), NotificationKind.SHARED, 1, null, 1, "GSM-7"));
    }

    @Test
    void anEventStoredBeforeKindsAndAttemptsReadsAsOneCallOfTheUpdateShared() throws Exception {
        deliveries.on(new NotificationSent("n-old", "update-1", "child-1", "family-1", "carer-1", Channel.EMAIL, "en",
                "anna@example.org", "<id@x>", MORNING, null, null, null, null));

        assertThat(rows("update-1")).containsExactly(new Delivery("carer-1", "EMAIL", "en", Status.SENT, null, MORNING,
                NotificationKind.SHARED, 1, null, null, null));
    }

    private static NotificationRetryScheduled retry(String carerId, int attempts, Instant next, Instant at) {
        return new NotificationRetryScheduled("n-" + carerId, "update-1", "child-1", "family-1", carerId, Channel.SMS,
                "pl", NotificationKind.SHARED, attempts, next, "SMS provider error (HTTP 503)", 2, "UCS-2", at);
    }

    private List<Delivery> rows(String updateId) throws Exception {
        return deliveries.handle(new FetchDeliveries(updateId)).get().deliveries();
    }

    private static NotificationHeldBack heldBack(String carerId, Instant until, Instant at) {
        return new NotificationHeldBack("update-1", "child-1", "family-1", carerId, "pl", until, "quiet hours", at);
    }

    private static NotificationSent sent(String carerId, Instant at) {
        return new NotificationSent("n-" + carerId, "update-1", "child-1", "family-1", carerId, Channel.SMS, "pl",
                "+447700900101", "SM0001", at, NotificationKind.SHARED, 1, 1, "GSM-7");
    }

    private static NotificationSkipped withdrawn(String carerId, Instant at) {
        return new NotificationSkipped("update-1", "child-1", "family-1", carerId, "withdrawn", at);
    }
}
