package dev.tandem.support.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.api.common.PersonalData;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Every event in {@code api} keeps its personal data where {@link PersonalDataFields} finds and encrypts
 * it: in its own components, next to the id of the subject each is kept under. A personal field nested
 * in a part of an event, or one whose subject the event does not name, would be stored in plain text or
 * under the wrong key, so it fails here instead.
 */
class PersonalDataFieldsTest {

    @Test
    void everyPersonalFieldOfEveryEventNamesItsSubjectBesideIt() throws Exception {
        List<String> unnamed = new ArrayList<>();
        int personal = 0;
        for (Class<?> event : events()) {
            for (RecordComponent component : event.getRecordComponents()) {
                PersonalData marked = component.getAnnotation(PersonalData.class);
                if (marked == null) {
                    continue;
                }
                personal++;
                if (!PersonalDataFields.of(event).names(marked.of())) {
                    unnamed.add(event.getSimpleName() + "." + component.getName() + " (" + marked.of() + ")");
                }
            }
        }
        assertThat(unnamed).as("personal fields whose event does not name their subject").isEmpty();
        assertThat(personal).as("personal fields found at all").isGreaterThan(20);
    }

    @Test
    void noEventHidesPersonalDataInsideAPartOfIt() throws Exception {
        List<String> nested = new ArrayList<>();
        for (Class<?> event : events()) {
            for (RecordComponent component : event.getRecordComponents()) {
                for (Class<?> part : partTypes(component)) {
                    if (part.isRecord() && Stream.of(part.getRecordComponents())
                            .anyMatch(inner -> inner.isAnnotationPresent(PersonalData.class))) {
                        nested.add(event.getSimpleName() + "." + component.getName());
                    }
                }
            }
        }
        assertThat(nested).as("personal data nested where it would not be encrypted").isEmpty();
    }

    private static List<Class<?>> partTypes(RecordComponent component) {
        List<Class<?>> types = new ArrayList<>(List.of(component.getType()));
        if (component.getGenericType() instanceof ParameterizedType generic) {
            for (Type argument : generic.getActualTypeArguments()) {
                if (argument instanceof Class<?> type) {
                    types.add(type);
                }
            }
        }
        return types;
    }

    private static List<Class<?>> events() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                return true;
            }
        };
        scanner.addIncludeFilter(new AnnotationTypeFilter(Revision.class));
        List<Class<?>> events = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("dev.tandem.api")) {
            events.add(ClassUtils.forName(candidate.getBeanClassName(), PersonalDataFieldsTest.class.getClassLoader()));
        }
        assertThat(events).isNotEmpty();
        return events;
    }
}
