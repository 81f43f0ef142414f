package dev.tandem.support.axon.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.api.delivery.NotificationFailed;
import dev.tandem.api.delivery.NotificationHeldBack;
import dev.tandem.api.delivery.NotificationSent;
import dev.tandem.api.delivery.NotificationSkipped;
import java.util.Set;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Reads the delivery events stored before retries existed (revision 1) as revision 2: a notification
 * sent or failed then was one call ({@code attempts} 1), of no recorded kind (read as the update shared);
 * segments and encoding were not counted. Registered for every service by {@link EventUpcastingAutoConfiguration}.
 */
public class DeliveryEventUpcaster extends SingleEventUpcaster {

    private static final Set<String> ONE_CALL = Set.of(NotificationSent.class.getName(),
            NotificationFailed.class.getName());
    private static final Set<String> NO_KIND = Set.of(NotificationSkipped.class.getName(),
            NotificationHeldBack.class.getName());

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        String type = event.getType().getName();
        return "1".equals(event.getType().getRevision()) && (ONE_CALL.contains(type) || NO_KIND.contains(type));
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        String type = event.getType().getName();
        return event.upcastPayload(new SimpleSerializedType(type, "2"), JsonNode.class, payload -> {
            ObjectNode upcast = ((ObjectNode) payload).deepCopy();
            if (ONE_CALL.contains(type) && !upcast.has("attempts")) {
                upcast.put("attempts", 1);
            }
            return upcast;
        });
    }
}
