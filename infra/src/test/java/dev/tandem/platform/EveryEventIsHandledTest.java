package dev.tandem.platform;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.query.timeline.TimelineProjection;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.core.type.filter.TypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Every event in {@code api} is where it must be: in the family timeline or named below as not
 * belonging there, handled by the notifier or named below as nothing for it to do, and described in
 * docs/events.md. A new kind of update whose projection or notification is forgotten fails here
 * rather than in a parent's empty timeline.
 */
class EveryEventIsHandledTest {

    /** What no family timeline shows, and why. */
    private static final Map<String, String> NOT_IN_THE_TIMELINE = Map.ofEntries(
            entry("SettingCreated", "the setting's own record; the timeline is a family's"),
            entry("StaffMemberRegistered", "staff records; read by the views' lookups, not shown"),
            entry("RoomOpened", "a room is shown through the children in it"),
            entry("MeetingRemindersSet", "a setting's reminder rule; the notifier's alone"),
            entry("RetentionSet", "a setting's retention rule"),
            entry("FamilyRegistered", "the family itself; its timeline begins with what is shared with it"),
            entry("CarerJoinedFamily", "who the carers are: the views' lookups"),
            entry("CarerPreferencesChanged", "how a carer is told, not what they are told"),
            entry("CarerOptedOutOfSms", "how a carer is told, not what they are told"),
            entry("CarerOptedInToSms", "how a carer is told, not what they are told"),
            entry("DeviceRegistered", "a carer's phone or browser"),
            entry("ChildRegistered", "who the children are: the views' lookups"),
            entry("ChildLeft", "retention counts from it; nothing is shared by it"),
            entry("CarerMessageReceived", "a message answering no update: the key person's inbox"),
            entry("ConcernRecorded", "safeguarding: never in a family view"),
            entry("ConcernActionRecorded", "safeguarding: never in a family view"),
            entry("SafeguardingLeadAlerted", "safeguarding: never in a family view"),
            entry("SafeguardingLeadAlertFailed", "safeguarding: never in a family view"),
            entry("SafeguardingHistoryViewed", "the review's own record, in the event store"),
            entry("SafeguardingHistoryExported", "the review's own record, in the event store"),
            entry("SafeguardingRecordErased", "safeguarding: never in a family view"),
            entry("NotificationSent", "delivery: the deliveries view"),
            entry("NotificationFailed", "delivery: the deliveries view"),
            entry("NotificationSkipped", "delivery: the deliveries view"),
            entry("NotificationHeldBack", "delivery: the deliveries view"),
            entry("NotificationRetryScheduled", "delivery: the deliveries view"),
            entry("NotificationStatusReported", "delivery: the deliveries view"));

    /** What the notifier has nothing to do with, and why. */
    private static final Map<String, String> NOTHING_FOR_THE_NOTIFIER = Map.ofEntries(
            entry("RoomOpened", "carers are reached through their children, not rooms"),
            entry("RetentionSet", "the command side's sweep applies it"),
            entry("FamilyRegistered", "a family is reached through its carers"),
            entry("ChildLeft", "the command side's retention sweep counts from it"),
            entry("UpdateAcknowledged", "a carer's own act: nobody is told"),
            entry("SafeguardingLeadAlerted", "the notifier's own record of an alert"),
            entry("SafeguardingLeadAlertFailed", "the notifier's own record of an alert"),
            entry("SafeguardingHistoryViewed", "the review's own record; nobody is told"),
            entry("SafeguardingHistoryExported", "the review's own record; nobody is told"),
            entry("SafeguardingRecordErased", "nothing of a safeguarding record is ever sent"),
            entry("NotificationSent", "the notifier's own record of a delivery"),
            entry("NotificationFailed", "the notifier's own record of a delivery"),
            entry("NotificationSkipped", "the notifier's own record of a delivery"),
            entry("NotificationHeldBack", "the notifier's own record of a delivery"),
            entry("NotificationRetryScheduled", "the notifier's own record of a delivery"),
            entry("NotificationStatusReported", "the notifier's own record of a delivery"),
            entry("UpdateTranslated", "the notifier's own record of a translation"),
            entry("AnnouncementTranslated", "the notifier's own record of a translation"),
            entry("ReplyTranslated", "the notifier's own record of a translation"));

    private static final Set<String> EVENTS = simpleNames(classesIn("dev.tandem.api", new AnnotationTypeFilter(Revision.class)));

    @Test
    void theApiHasEvents() {
        assertThat(EVENTS).contains("ObservationShared", "MeetingBooked", "NotificationSent");
    }

    @Test
    void everyEventIsInTheTimelineOrSaysWhyNot() {
        Set<String> handled = handledBy(Stream.of(TimelineProjection.class));

        assertThat(unaccounted(handled, NOT_IN_THE_TIMELINE))
                .as("events neither projected into the timeline nor named in NOT_IN_THE_TIMELINE")
                .isEmpty();
        assertThat(handled).as("events the timeline projects although NOT_IN_THE_TIMELINE says it does not")
                .doesNotContainAnyElementsOf(NOT_IN_THE_TIMELINE.keySet());
    }

    @Test
    void everyEventIsHandledByTheNotifierOrSaysWhyNot() {
        Set<String> handled = handledBy(classesIn("dev.tandem.notifier", (reader, factory) -> true).stream());

        assertThat(unaccounted(handled, NOTHING_FOR_THE_NOTIFIER))
                .as("events the notifier neither handles nor names in NOTHING_FOR_THE_NOTIFIER")
                .isEmpty();
        assertThat(handled).as("events the notifier handles although NOTHING_FOR_THE_NOTIFIER says it has nothing to do")
                .doesNotContainAnyElementsOf(NOTHING_FOR_THE_NOTIFIER.keySet());
    }

    @Test
    void everyEventIsDescribedInTheDocs() throws IOException {
        String events = Files.readString(Path.of("..", "docs", "events.md"));

        assertThat(EVENTS.stream().filter(event -> !events.contains("| `" + event + "` |")))
                .as("events without a row in docs/events.md")
                .isEmpty();
    }

    @Test
    void theListsNameOnlyEventsThatExist() {
        assertThat(EVENTS).containsAll(NOT_IN_THE_TIMELINE.keySet()).containsAll(NOTHING_FOR_THE_NOTIFIER.keySet());
    }

    private static Set<String> unaccounted(Set<String> handled, Map<String, String> saysWhyNot) {
        return EVENTS.stream()
                .filter(event -> !handled.contains(event) && !saysWhyNot.containsKey(event))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The events that some {@code @EventHandler} of these classes takes. */
    private static Set<String> handledBy(Stream<Class<?>> classes) {
        return simpleNames(classes
                .flatMap(type -> Arrays.stream(type.getDeclaredMethods()))
                .filter(method -> method.isAnnotationPresent(EventHandler.class) && method.getParameterCount() > 0)
                .map(EveryEventIsHandledTest::eventOf)
                .collect(Collectors.toSet()));
    }

    private static Class<?> eventOf(Method handler) {
        return handler.getParameterTypes()[0];
    }

    private static Set<Class<?>> classesIn(String basePackage, TypeFilter filter) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                return true;
            }
        };
        scanner.addIncludeFilter(filter);
        return scanner.findCandidateComponents(basePackage).stream()
                .map(BeanDefinition::getBeanClassName)
                .map(name -> ClassUtils.resolveClassName(name, EveryEventIsHandledTest.class.getClassLoader()))
                .collect(Collectors.toSet());
    }

    private static Set<String> simpleNames(Set<Class<?>> classes) {
        return classes.stream().map(Class::getSimpleName).collect(Collectors.toCollection(TreeSet::new));
    }
}
