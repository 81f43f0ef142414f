package dev.tandem.support.axon.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tandem.api.common.Channel;
import dev.tandem.api.reply.CarerMessageReceived;
import dev.tandem.api.reply.ParentReplied;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

/** A carer's message as it was stored before it had its own event, read as the platform reads it. */
class CarerMessageUpcasterTest {

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS))
            .build();

    @Test
    void aReplyToNoUpdateIsTheCarersMessage() {
        IntermediateEventRepresentation upcast = upcast("""
                {"replyId": "reply-1", "updateId": null, "childId": "child-1", "familyId": "family-1",
                 "carerId": "carer-1", "text": {"@pd": 1, "t": "s", "o": "family:family-1", "k": []},
                 "channel": "SMS", "receivedAt": "2026-11-23T09:30:00Z"}""");

        assertThat(upcast.getType().getName()).isEqualTo(CarerMessageReceived.class.getName());
        assertThat(upcast.getType().getRevision()).isEqualTo("1");
        assertThat(upcast.getData(JsonNode.class).getData().path("text").path("o").asText())
                .as("the personal-data envelope is carried over untouched").isEqualTo("family:family-1");
    }

    @Test
    void theUpcastMessageReadsAsTheNewEvent() {
        CarerMessageReceived message = serializer.deserialize(upcast("""
                {"replyId": "reply-1", "updateId": null, "childId": "child-1", "familyId": "family-1",
                 "carerId": "carer-1", "text": "Running late today", "channel": "SMS",
                 "receivedAt": "2026-11-23T09:30:00Z"}""").getData());

        assertThat(message).isEqualTo(new CarerMessageReceived("reply-1", "child-1", "family-1", "carer-1",
                "Running late today", Channel.SMS, Instant.parse("2026-11-23T09:30:00Z")));
    }

    @Test
    void aReplyToAnUpdateIsLeftAsItIs() {
        ParentReplied reply = serializer.deserialize(upcast("""
                {"replyId": "reply-1", "updateId": "update-1", "childId": "child-1", "familyId": "family-1",
                 "carerId": "carer-1", "text": "Thank you", "channel": "APP",
                 "receivedAt": "2026-11-23T09:30:00Z"}""").getData());

        assertThat(reply.updateId()).isEqualTo("update-1");
    }

    private IntermediateEventRepresentation upcast(String json) {
        IntermediateEventRepresentation stored = new InitialEventRepresentation(new GenericDomainEventEntry<>(
                "Family", "family-1", 3, "event-1", Instant.parse("2026-11-23T09:30:00Z"),
                ParentReplied.class.getName(), "1", json.getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8)), serializer);
        return new CarerMessageUpcaster().upcast(Stream.of(stored)).findFirst().orElseThrow();
    }
}
