package dev.tandem.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.api.concern.ConcernActionRecorded;
import dev.tandem.api.concern.ConcernRecorded;
import dev.tandem.query.delivery.DeliveriesGroup;
import dev.tandem.query.delivery.DeliveryProjection;
import dev.tandem.query.directory.ViewLookups;
import dev.tandem.query.familyviews.FamilyViewsGroup;
import dev.tandem.query.inbox.InboxProjection;
import dev.tandem.query.meeting.MeetingProjection;
import dev.tandem.query.meeting.MeetingsGroup;
import dev.tandem.query.safeguarding.ConcernListProjection;
import dev.tandem.query.safeguarding.SafeguardingConcernsGroup;
import dev.tandem.query.timeline.TimelineProjection;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.Message;
import org.junit.jupiter.api.Test;

/**
 * A safeguarding concern, and every action on it, is never shown to a family nor put in a staff member's
 * everyday views (timeline, inbox, meetings, deliveries, directory). Of all the query side's event handlers
 * only the DSLs' concern list, in its own package and its own processing group, may take a
 * {@link ConcernRecorded} or a {@link ConcernActionRecorded}; no other may, not even through a handler of a
 * wider type or of the raw message.
 */
class NoConcernReachesFamilyViewsTest {

    private static final List<Class<?>> CONCERN_EVENTS = List.of(ConcernRecorded.class, ConcernActionRecorded.class);
    private static final Class<?> CONCERN_LIST = ConcernListProjection.class;

    @Test
    void noEventHandlerOfTheQuerySideButTheDslsConcernListCanReceiveAConcernOrAnActionOnOne() {
        Set<Class<?>> handlerClasses = new HashSet<>();
        List<String> concernHandlers = new ArrayList<>();
        List<String> concernListHandlers = new ArrayList<>();
        for (Class<?> type : QuerySideClasses.main()) {
            for (Method method : type.getDeclaredMethods()) {
                EventHandler handler = method.getAnnotation(EventHandler.class);
                if (handler == null) {
                    continue;
                }
                handlerClasses.add(type);
                Class<?> payload = handler.payloadType() != Object.class ? handler.payloadType()
                        : method.getParameterCount() == 0 ? Object.class : method.getParameterTypes()[0];
                boolean takesConcerns = Message.class.isAssignableFrom(payload)
                        || CONCERN_EVENTS.stream().anyMatch(payload::isAssignableFrom);
                if (!takesConcerns) {
                    continue;
                }
                String name = type.getSimpleName() + "." + method.getName() + Arrays.toString(method.getParameterTypes());
                (type == CONCERN_LIST ? concernListHandlers : concernHandlers).add(name);
            }
        }

        assertThat(handlerClasses).contains(TimelineProjection.class, InboxProjection.class, ViewLookups.class,
                MeetingProjection.class, DeliveryProjection.class, CONCERN_LIST);
        assertThat(concernHandlers).isEmpty();
        // exactly its two concern handlers: nothing of a wider type, so it takes nothing it was not meant to
        assertThat(concernListHandlers).containsExactlyInAnyOrder(
                "ConcernListProjection.on[class " + ConcernRecorded.class.getName() + "]",
                "ConcernListProjection.on[class " + ConcernActionRecorded.class.getName() + "]");
    }

    @Test
    void theDslsConcernListIsInTheSafeguardingPackageAndAProcessingGroupNoOtherHandlerShares() {
        assertThat(CONCERN_LIST.getPackageName()).isEqualTo("dev.tandem.query.safeguarding");
        String group = CONCERN_LIST.getAnnotation(ProcessingGroup.class).value();
        assertThat(group).isEqualTo(SafeguardingConcernsGroup.NAME);

        List<String> sharing = new ArrayList<>();
        for (Class<?> type : QuerySideClasses.main()) {
            ProcessingGroup declared = type.getAnnotation(ProcessingGroup.class);
            if (type != CONCERN_LIST && declared != null && declared.value().equals(group)) {
                sharing.add(type.getName());
            }
        }
        assertThat(sharing).isEmpty();
        assertThat(group).isNotIn(FamilyViewsGroup.NAME, DeliveriesGroup.NAME, MeetingsGroup.NAME);
    }
}
