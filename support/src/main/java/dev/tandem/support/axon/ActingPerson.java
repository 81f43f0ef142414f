package dev.tandem.support.axon;

import dev.tandem.api.common.Actor;
import dev.tandem.api.common.Role;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

/**
 * Puts who acted into the metadata of every event a command causes: {@code actorId} and
 * {@code actorRoles} from the command's {@link Actor} (every command a person sends through the API
 * carries one, as its {@code actor} component). The commands a carer sends by SMS (a reply, {@code STOP},
 * {@code START}) have no token behind them, only the carer the phone number belongs to: they name that
 * {@code carerId} and no actor, and the carer is the one who acted. A safeguarding review shows it for
 * each event; events the platform publishes on its own (the notifier's) carry none.
 */
public final class ActingPerson implements CorrelationDataProvider {

    public static final String ACTOR_ID = "actorId";
    public static final String ACTOR_ROLES = "actorRoles";

    private static final ClassValue<RecordComponent> ACTOR = component(Actor.class, null);
    private static final ClassValue<RecordComponent> CARER = component(String.class, "carerId");

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Object payload = message.getPayload();
        if (!(message instanceof CommandMessage<?>) || payload == null) {
            // events a processor publishes while handling another event are the platform's own doing
            return Map.of();
        }
        Actor actor = (Actor) read(ACTOR, payload);
        if (actor != null) {
            return Map.of(ACTOR_ID, actor.id(),
                    ACTOR_ROLES, actor.roles().stream().map(Role::name).sorted().collect(Collectors.joining(",")));
        }
        String carerId = ACTOR.get(payload.getClass()) == null ? (String) read(CARER, payload) : null;
        if (carerId != null) {
            return Map.of(ACTOR_ID, carerId, ACTOR_ROLES, Role.CARER.name());
        }
        return Map.of();
    }

    private static Object read(ClassValue<RecordComponent> components, Object payload) {
        RecordComponent component = components.get(payload.getClass());
        if (component == null) {
            return null;
        }
        try {
            return component.getAccessor().invoke(payload);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static ClassValue<RecordComponent> component(Class<?> type, String name) {
        return new ClassValue<>() {
            @Override
            protected RecordComponent computeValue(Class<?> record) {
                if (!record.isRecord()) {
                    return null;
                }
                return Stream.of(record.getRecordComponents())
                        .filter(component -> component.getType() == type)
                        .filter(component -> name == null || component.getName().equals(name))
                        .findFirst().orElse(null);
            }
        };
    }
}
