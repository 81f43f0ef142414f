package dev.tandem.notifier.testing;

import java.lang.reflect.RecordComponent;

/** Reads what an event record is about, whatever its type. */
public final class Events {

    private Events() {
    }

    /** The event's {@code updateId}, or null if it names none. */
    public static String updateId(Object event) {
        if (event.getClass().isRecord()) {
            for (RecordComponent component : event.getClass().getRecordComponents()) {
                if (component.getName().equals("updateId")) {
                    try {
                        return (String) component.getAccessor().invoke(event);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return null;
    }
}
