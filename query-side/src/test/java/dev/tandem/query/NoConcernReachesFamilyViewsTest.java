package dev.tandem.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.api.concern.ConcernRecorded;
import dev.tandem.query.delivery.DeliveryProjection;
import dev.tandem.query.directory.QueryDirectory;
import dev.tandem.query.inbox.InboxProjection;
import dev.tandem.query.meeting.MeetingProjection;
import dev.tandem.query.timeline.TimelineProjection;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.Message;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.RegexPatternTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * A safeguarding concern is never shown to a family nor put in an inbox. The read models of the query
 * side are all families' and staff's everyday views, so none of its event handlers may take a
 * {@link ConcernRecorded}, not even through a handler of a wider type.
 */
class NoConcernReachesFamilyViewsTest {

    @Test
    void noEventHandlerOfTheQuerySideCanReceiveAConcern() throws Exception {
        List<Class<?>> handlerClasses = new ArrayList<>();
        List<String> concernHandlers = new ArrayList<>();
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new RegexPatternTypeFilter(Pattern.compile(".*")));
        for (BeanDefinition candidate : scanner.findCandidateComponents("dev.tandem.query")) {
            Class<?> type = ClassUtils.forName(candidate.getBeanClassName(), getClass().getClassLoader());
            for (Method method : type.getDeclaredMethods()) {
                EventHandler handler = method.getAnnotation(EventHandler.class);
                if (handler == null) {
                    continue;
                }
                handlerClasses.add(type);
                Class<?> payload = handler.payloadType() != Object.class ? handler.payloadType()
                        : method.getParameterCount() == 0 ? Object.class : method.getParameterTypes()[0];
                if (payload.isAssignableFrom(ConcernRecorded.class) || Message.class.isAssignableFrom(payload)) {
                    concernHandlers.add(type.getSimpleName() + "." + method.getName()
                            + Arrays.toString(method.getParameterTypes()));
                }
            }
        }

        assertThat(handlerClasses).contains(TimelineProjection.class, InboxProjection.class, QueryDirectory.class,
                MeetingProjection.class, DeliveryProjection.class);
        assertThat(concernHandlers).isEmpty();
    }
}
