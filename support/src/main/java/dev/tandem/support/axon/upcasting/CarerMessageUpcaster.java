package dev.tandem.support.axon.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.api.reply.CarerMessageReceived;
import dev.tandem.api.reply.ParentReplied;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Reads a carer's message to the key person stored before it had its own event (a {@link ParentReplied}
 * of revision 1 with a null {@code updateId}) as the {@link CarerMessageReceived} it was. The fields keep
 * their names, so the text's personal-data envelope, bound to its field's name and subject, still opens.
 * A reply to an update is left as it is.
 */
public class CarerMessageUpcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType REPLY = new SimpleSerializedType(ParentReplied.class.getName(), "1");
    private static final SimpleSerializedType MESSAGE =
            new SimpleSerializedType(CarerMessageReceived.class.getName(), "1");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return REPLY.equals(event.getType())
                && event.getData(JsonNode.class).getData().path("updateId").isNull();
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        return event.upcastPayload(MESSAGE, JsonNode.class, payload -> {
            ObjectNode message = ((ObjectNode) payload).deepCopy();
            message.remove("updateId");
            return message;
        });
    }
}
