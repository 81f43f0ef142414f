package dev.tandem.support.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Every event in {@code api} names what it is about the way {@link RecordSubjects} reads it, or is declared
 * here to be about no child: a new event that names its child some other way would silently stay out of
 * every safeguarding record, so it fails this test instead.
 */
class RecordSubjectsTest {

    /** Events about a setting, a family or a carer alone: no child's record holds them (an erasure names its children in a list). */
    private static final Set<String> ABOUT_NO_CHILD = Set.of("SettingCreated", "StaffMemberRegistered", "RoomOpened",
            "MeetingRemindersSet", "FamilyRegistered", "CarerJoinedFamily", "DeviceRegistered",
            "CarerPreferencesChanged", "CarerOptedOutOfSms", "CarerOptedInToSms", "FamilyErased", "RetentionSet");

    @Test
    void everyEventNamesItsChildOrItsUpdateOrIsDeclaredToBeAboutNoChild() throws Exception {
        List<String> unplaced = new ArrayList<>();
        List<String> declared = new ArrayList<>();
        for (Class<?> event : events()) {
            boolean placed = event.getSimpleName().equals("AnnouncementBroadcast")
                    || Stream.of(event.getRecordComponents()).map(RecordComponent::getName)
                            .anyMatch(Set.of("childId", "updateId", "meetingId")::contains);
            if (ABOUT_NO_CHILD.contains(event.getSimpleName())) {
                declared.add(event.getSimpleName());
                assertThat(placed).as(event.getSimpleName() + " names a child or update but is declared about none")
                        .isFalse();
            } else if (!placed) {
                unplaced.add(event.getSimpleName());
            }
        }
        assertThat(unplaced).as("events that would reach no child's record").isEmpty();
        assertThat(declared).containsExactlyInAnyOrderElementsOf(ABOUT_NO_CHILD);
    }

    private static List<Class<?>> events() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(
                    org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
                return true;
            }
        };
        scanner.addIncludeFilter(new AnnotationTypeFilter(Revision.class));
        List<Class<?>> events = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("dev.tandem.api")) {
            events.add(ClassUtils.forName(candidate.getBeanClassName(), RecordSubjectsTest.class.getClassLoader()));
        }
        assertThat(events).hasSizeGreaterThan(20);
        return events;
    }
}
