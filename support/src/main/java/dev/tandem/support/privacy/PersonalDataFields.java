package dev.tandem.support.privacy;

import dev.tandem.api.common.PersonalData;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The {@link PersonalData} components of a message type, each with its subject, and how to read the ids
 * that name its subjects. Only records' own components are looked at: an event keeps its personal data
 * in top-level fields next to the ids of whose data it is ({@code PersonalDataFieldsTest} holds every event
 * in {@code api} to that).
 */
final class PersonalDataFields {

    /** One personal field of a type; {@code text} if it holds a {@code String} (erased, it reads as the erased text). */
    record Field(String name, PersonalData.Subject subject, boolean text) {
    }

    private static final ClassValue<PersonalDataFields> OF_TYPE = new ClassValue<>() {
        @Override
        protected PersonalDataFields computeValue(Class<?> type) {
            return new PersonalDataFields(type);
        }
    };

    private final List<Field> fields;
    private final Map<String, RecordComponent> ids;

    private PersonalDataFields(Class<?> type) {
        RecordComponent[] components = type.isRecord() ? type.getRecordComponents() : new RecordComponent[0];
        this.fields = Stream.of(components)
                .filter(component -> component.isAnnotationPresent(PersonalData.class))
                .map(component -> new Field(component.getName(), component.getAnnotation(PersonalData.class).of(),
                        component.getType() == String.class))
                .toList();
        this.ids = Stream.of(components)
                .filter(component -> component.getType() == String.class)
                .filter(component -> Stream.of(PersonalData.Subject.values())
                        .anyMatch(subject -> subject.idComponent().equals(component.getName())))
                .collect(Collectors.toUnmodifiableMap(RecordComponent::getName, component -> component));
    }

    static PersonalDataFields of(Class<?> type) {
        return OF_TYPE.get(type);
    }

    List<Field> fields() {
        return fields;
    }

    boolean isEmpty() {
        return fields.isEmpty();
    }

    /** Whether the type names the id of this subject at all. */
    boolean names(PersonalData.Subject subject) {
        return ids.containsKey(subject.idComponent());
    }

    /**
     * The keys a field of this message is kept under, first its own subject's (the one ordinary reading
     * uses), then the child's safeguarding key if the message is about a child. A message that lacks its
     * subject's id falls back to the child, then to the setting.
     */
    List<String> keysFor(Object message, PersonalData.Subject subject) {
        String own = id(message, subject);
        String child = id(message, PersonalData.Subject.CHILD);
        if (own != null && subject != PersonalData.Subject.CHILD && child != null) {
            return List.of(subject.keyName(own), PersonalData.Subject.CHILD.keyName(child));
        }
        if (own != null) {
            return List.of(subject.keyName(own));
        }
        if (child != null) {
            return List.of(PersonalData.Subject.CHILD.keyName(child));
        }
        String setting = id(message, PersonalData.Subject.SETTING);
        if (setting != null) {
            return List.of(PersonalData.Subject.SETTING.keyName(setting));
        }
        throw new IllegalArgumentException(message.getClass().getSimpleName()
                + " holds personal data but names no subject to keep it under");
    }

    private String id(Object message, PersonalData.Subject subject) {
        RecordComponent component = ids.get(subject.idComponent());
        if (component == null) {
            return null;
        }
        try {
            return (String) component.getAccessor().invoke(message);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + component.getName() + " of " + message.getClass(), e);
        }
    }
}
