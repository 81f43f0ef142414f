package dev.tandem.support.axon.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tandem.api.common.Channel;
import dev.tandem.api.delivery.NotificationFailed;
import dev.tandem.api.delivery.NotificationHeldBack;
import dev.tandem.api.delivery.NotificationKind;
import dev.tandem.api.delivery.NotificationSent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

/** Delivery events as revision 1 stored them, read through the upcaster as the platform reads them. */
class DeliveryEventUpcasterTest {

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS))
            .build();

    @Test
    void aSentEventOfRevisionOneIsOneCallOfTheUpdateShared() {
        NotificationSent sent = read(NotificationSent.class, """
                {"notificationId": "n-1", "updateId": "update-1", "childId": "child-1", "familyId": "family-1",
                 "carerId": "carer-1", "channel": "SMS", "language": "pl", "address": "+447700900101",
                 "providerId": "SM1", "sentAt": "2026-11-23T09:30:00Z"}""");

        assertThat(sent).isEqualTo(new NotificationSent("n-1", "update-1", "child-1", "family-1", "carer-1",
                Channel.SMS, "pl", "+447700900101", "SM1", Instant.parse("2026-11-23T09:30:00Z"), null, 1, null, null));
        assertThat(NotificationKind.orShared(sent.kind())).isEqualTo(NotificationKind.SHARED);
    }

    @Test
    void aFailedEventOfRevisionOneWithInstantsAsNumbersIsOneCall() {
        NotificationFailed failed = read(NotificationFailed.class, """
                {"notificationId": "n-1", "updateId": "update-1", "childId": null, "familyId": "family-1",
                 "carerId": "carer-1", "channel": "APP", "language": "en", "reason": "push provider refused",
                 "failedAt": 1795426200.000000000}""");

        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.kind()).isNull();
        assertThat(failed.failedAt()).isEqualTo(Instant.parse("2026-11-23T09:30:00Z"));
    }

    @Test
    void aHeldBackEventOfRevisionOneHasNoKind() {
        NotificationHeldBack held = read(NotificationHeldBack.class, """
                {"updateId": "update-1", "childId": "child-1", "familyId": "family-1", "carerId": "carer-1",
                 "language": "pl", "until": "2026-11-24T07:00:00Z", "reason": "quiet hours",
                 "heldBackAt": "2026-11-23T23:00:00Z"}""");

        assertThat(held.until()).isEqualTo(Instant.parse("2026-11-24T07:00:00Z"));
        assertThat(held.kind()).isNull();
    }

    @Test
    void revisionTwoIsLeftAsItIs() {
        IntermediateEventRepresentation stored = stored(NotificationSent.class, "2", """
                {"notificationId": "n-1", "updateId": "update-1", "familyId": "family-1", "carerId": "carer-1",
                 "channel": "SMS", "kind": "RESCHEDULED", "attempts": 4, "segments": 2, "encoding": "UCS-2"}""");

        NotificationSent sent = serializer.deserialize(new DeliveryEventUpcaster().upcast(Stream.of(stored))
                .findFirst().orElseThrow().getData());

        assertThat(sent.attempts()).isEqualTo(4);
        assertThat(sent.kind()).isEqualTo(NotificationKind.RESCHEDULED);
    }

    private <T> T read(Class<T> type, String json) {
        IntermediateEventRepresentation upcast = new DeliveryEventUpcaster()
                .upcast(Stream.of(stored(type, "1", json))).findFirst().orElseThrow();
        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        SerializedObject<?> data = upcast.getData();
        return serializer.deserialize(data);
    }

    private IntermediateEventRepresentation stored(Class<?> type, String revision, String json) {
        return new InitialEventRepresentation(new GenericDomainEventEntry<>("Update", "update-1", 0, "event-1",
                Instant.parse("2026-11-23T09:30:00Z"), type.getName(), revision,
                json.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8)), serializer);
    }
}
