package dev.tandem.query.delivery;

import static dev.tandem.query.Erasure.ERASED;
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
import dev.tandem.api.family.FamilyErased;
import dev.tandem.query.ErasedAndRebuilt;
import dev.tandem.query.ErasureCheck;
import dev.tandem.query.TestMongo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Erasing a family in the deliveries group: what the rows say of its carers goes, how each telling fared
 * stays, other carers' rows are untouched, a redelivery changes nothing, and a rebuild ends the same.
 */
class DeliveryErasureTest {

    private static final Instant MORNING = Instant.parse("2026-11-24T07:00:00Z");
    private static final List<String> FAMILY_1_CARERS = List.of("carer-1", "carer-2");
    private static final List<String> PERSONAL = List.of("anna.nowak@example.com", "+447700900101",
            "quiet hours", "no phone");
    private static final FamilyErased ERASURE = new FamilyErased("family-1", "setting-1", FAMILY_1_CARERS,
            List.of("child-1"), List.of(), "Asked to be forgotten.", "manager-1", MORNING.plusSeconds(86_400));

    @RegisterExtension
    final ErasedAndRebuilt stores = new ErasedAndRebuilt();

    private static ErasureCheck check(TestMongo mongo) {
        DeliveryProjection deliveries = new DeliveryProjection(mongo.template());
        deliveries.afterPropertiesSet();
        return new ErasureCheck(mongo.template(), List.of("deliveries"),
                row -> FAMILY_1_CARERS.contains(row.getString("carerId")), deliveries);
    }

    /** With {@code erased}, as the event store reads it once family-1's carers' keys are shredded. */
    private static List<Object> history(boolean erased) {
        UnaryOperator<String> personal = text -> erased ? ERASED : text;
        return List.of(
                new NotificationHeldBack("update-1", "child-1", "family-1", "carer-1", "pl", MORNING, "quiet hours",
                        MORNING.minusSeconds(3600)),
                new NotificationSent("n-1", "update-1", "child-1", "family-1", "carer-1", Channel.SMS, "pl",
                        personal.apply("+447700900101"), "SM0001", MORNING, NotificationKind.SHARED, 1, 1, "GSM-7"),
                new NotificationStatusReported("n-1", "update-1", "child-1", "family-1", "carer-1", Channel.SMS,
                        ProviderStatus.FAILED, "30003", MORNING.plusSeconds(5)),
                new NotificationFailed("n-2", "update-1", "child-1", "family-1", "carer-2", Channel.EMAIL, "en",
                        personal.apply("550 no mailbox anna.nowak@example.com"), MORNING, NotificationKind.SHARED, 1,
                        null, null),
                new NotificationSkipped("update-1", "child-1", "family-1", "carer-2", "no phone", MORNING),
                new NotificationRetryScheduled("n-3", "update-2", "child-2", "family-2", "carer-3", Channel.SMS, "ur",
                        NotificationKind.SHARED, 1, MORNING.plusSeconds(60), "SMS provider error (HTTP 503)", 1,
                        "GSM-7", MORNING),
                new NotificationFailed("n-4", "update-2", "child-2", "family-2", "carer-3", Channel.EMAIL, "ur",
                        "550 no mailbox adam.khan@example.com", MORNING, NotificationKind.SHARED, 1, null, null));
    }

    private static List<Delivery> rows(TestMongo mongo) throws Exception {
        DeliveryProjection deliveries = new DeliveryProjection(mongo.template());
        return deliveries.handle(new FetchDeliveries("update-1")).get().deliveries();
    }

    @Test
    void theCarersDetailsReadAsErasedAndHowEachTellingFaredStays() throws Exception {
        ErasureCheck check = check(stores.erased);
        check.project(history(false));
        List<Delivery> before = rows(stores.erased);

        check.project(List.of(ERASURE));

        List<Delivery> after = rows(stores.erased);
        assertThat(after).extracting(Delivery::detail).containsOnly(ERASED);
        assertThat(after).isEqualTo(before.stream().map(row -> new Delivery(row.carerId(), row.channel(),
                row.language(), row.status(), ERASED, row.updatedAt(), row.kind(), row.attempts(),
                row.nextAttemptAt(), row.segments(), row.encoding())).toList());
    }

    @Test
    void nothingOfTheCarersRemainsOthersAreUntouchedAndARebuildEndsTheSame() throws Exception {
        Map<String, Document> erasedAtOnce = check(stores.erased).erasing(history(false), ERASURE, PERSONAL);

        assertThat(check(stores.rebuilt).rebuilding(history(true), ERASURE)).isEqualTo(erasedAtOnce);
    }
}
