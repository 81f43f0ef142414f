package dev.tandem.support.axon;

import dev.tandem.api.common.Actor;
import dev.tandem.api.common.Role;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

/**
 * Puts who acted into the metadata of every event a command causes: {@code actorId} and
 * {@code actorRoles} from the command's {@link Actor} (every command a person sends carries one, as its
 * {@code actor} component). A safeguarding review shows it for each event; events the platform
 * publishes on its own (the notifier's) carry none.
 */
public final class ActingPerson implements CorrelationDataProvider {

    public static final String ACTOR_ID = "actorId";
    public static final String ACTOR_ROLES = "actorRoles";

    private static final ClassValue<RecordComponent> ACTOR = new ClassValue<>() {
        @Override
        protected RecordComponent computeValue(Class<?> type) {
            if (!type.isRecord()) {
                return null;
            }
            return Stream.of(type.getRecordComponents())
                    .filter(component -> component.getType() == Actor.class)
                    .findFirst().orElse(null);
        }
    };

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Object payload = message.getPayload();
        if (payload == null) {
            return Map.of();
        }
        RecordComponent component = ACTOR.get(payload.getClass());
        if (component == null) {
            return Map.of();
        }
        Actor actor;
        try {
            actor = (Actor) component.getAccessor().invoke(payload);
        } catch (ReflectiveOperationException e) {
            return Map.of();
        }
        if (actor == null) {
            return Map.of();
        }
        return Map.of(ACTOR_ID, actor.id(),
                ACTOR_ROLES, actor.roles().stream().map(Role::name).sorted().collect(Collectors.joining(",")));
    }
}
