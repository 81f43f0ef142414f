package dev.tandem.command.update;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Makes the kind of {@link Update} that a stored stream is, from the stream's first event: the kind
 * whose own event sourcing handler takes that event (an {@code ObservationShared} begins an
 * observation, a {@code MeetingBooked} a meeting...).
 *
 * <p>Axon's own factory for a polymorphic aggregate reads the aggregate type stored with the event
 * instead, and every update stored before the kinds were subtypes carries the type {@code Update},
 * the abstract root; the first event says the same thing for old and new streams alike. The kinds are
 * the {@code @Aggregate} subtypes of {@link Update} in the application context, so a new kind needs
 * nothing here. Axon uses this factory because of its bean name, {@code updateAggregateFactory}.
 */
@Component("updateAggregateFactory")
public class UpdateFactory implements AggregateFactory<Update> {

    private final Map<Class<?>, Supplier<Update>> kindsByFirstEvent = new HashMap<>();

    @Autowired
    UpdateFactory(ListableBeanFactory beans) {
        this(kindsIn(beans), kind -> beans.getBean(kind));
    }

    /** Each kind, made by the given function (a Spring prototype bean, or a plain constructor in a test). */
    public UpdateFactory(Collection<Class<? extends Update>> kinds, Function<Class<? extends Update>, Update> make) {
        for (Class<? extends Update> kind : kinds) {
            for (Method method : kind.getDeclaredMethods()) {
                if (method.isAnnotationPresent(EventSourcingHandler.class) && method.getParameterCount() > 0) {
                    Class<?> event = method.getParameterTypes()[0];
                    Supplier<Update> previous = kindsByFirstEvent.putIfAbsent(event, () -> make.apply(kind));
                    if (previous != null) {
                        throw new IllegalStateException("Two kinds of update are sourced from " + event.getSimpleName()
                                + "; the first event of a stream must tell which kind it is.");
                    }
                }
            }
        }
    }

    @Override
    public Update createAggregateRoot(String aggregateIdentifier, DomainEventMessage<?> firstEvent) {
        Supplier<Update> kind = kindsByFirstEvent.get(firstEvent.getPayloadType());
        if (kind == null) {
            throw new IncompatibleAggregateException("Update " + aggregateIdentifier + " begins with "
                    + firstEvent.getPayloadType().getSimpleName() + ", which begins no kind of update.");
        }
        return kind.get();
    }

    @Override
    public Class<Update> getAggregateType() {
        return Update.class;
    }

    private static Collection<Class<? extends Update>> kindsIn(ListableBeanFactory beans) {
        return Arrays.stream(beans.getBeanNamesForType(Update.class, true, false))
                .map(beans::getType)
                .filter(type -> type != null && !Modifier.isAbstract(type.getModifiers()))
                .<Class<? extends Update>>map(type -> type.asSubclass(Update.class))
                .toList();
    }
}
