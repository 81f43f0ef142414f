package dev.tandem.query.timeline;

import dev.tandem.api.child.ChildRegistered;
import dev.tandem.api.common.Role;
import dev.tandem.api.family.FamilyRegistered;
import dev.tandem.api.setting.StaffMemberRegistered;
import dev.tandem.api.timeline.FetchFamilyTimeline;
import dev.tandem.api.timeline.TimelineEntry;
import dev.tandem.api.timeline.TimelinePage;
import dev.tandem.query.TestMongo;
import dev.tandem.query.directory.ViewLookups;
import dev.tandem.query.inbox.InboxProjection;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericSubscriptionQueryMessage;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.axonframework.queryhandling.UpdateHandlerRegistration;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The family-views processing group over a fresh Mongo, with one setting: key persons kp-1 and kp-2,
 * family-1 (children child-1 and child-3 of kp-1) and family-2 (child-2 of kp-2). Register it with
 * {@code @RegisterExtension}; it drops its database after each test.
 */
public final class FamilyViews implements AfterEachCallback {

    public final TestMongo mongo = new TestMongo();
    public final SimpleQueryUpdateEmitter emitter = SimpleQueryUpdateEmitter.builder().build();
    public final ViewLookups lookups = new ViewLookups(mongo.template());
    public final TimelineProjection timeline = new TimelineProjection(mongo.template(), lookups, emitter);
    public final InboxProjection inbox = new InboxProjection(mongo.template(), lookups);

    public FamilyViews() {
        timeline.afterPropertiesSet();
        inbox.afterPropertiesSet();
        lookups.on(new FamilyRegistered("family-1", "setting-1", "Nowak", "manager-1"));
        lookups.on(new FamilyRegistered("family-2", "setting-1", "Khan", "manager-1"));
        lookups.on(new StaffMemberRegistered("setting-1", "kp-1", "Kira Key", "kira@example.com",
                Set.of(Role.KEY_PERSON), "manager-1"));
        lookups.on(new StaffMemberRegistered("setting-1", "kp-2", "Lee Key", "lee@example.com",
                Set.of(Role.KEY_PERSON), "manager-1"));
        lookups.on(new ChildRegistered("child-1", "setting-1", "family-1", "room-1", "kp-1", "Zofia Nowak",
                LocalDate.of(2023, 3, 14), "manager-1"));
        lookups.on(new ChildRegistered("child-3", "setting-1", "family-1", "room-1", "kp-1", "Jan Nowak",
                LocalDate.of(2024, 1, 2), "manager-1"));
        lookups.on(new ChildRegistered("child-2", "setting-1", "family-2", "room-1", "kp-2", "Adam Khan",
                LocalDate.of(2022, 7, 1), "manager-1"));
    }

    /** The whole timeline of a family as {@code viewerCarerId} (null: staff) reads it. */
    public List<TimelineEntry> entries(String familyId, String viewerCarerId)
            throws ExecutionException, InterruptedException {
        return page(familyId, 50, null, viewerCarerId).entries();
    }

    public TimelinePage page(String familyId, int limit, String before, String viewerCarerId)
            throws ExecutionException, InterruptedException {
        return timeline.handle(new FetchFamilyTimeline(familyId, limit, before, viewerCarerId)).get();
    }

    /** A live subscription as the stream opens it, for {@code viewerCarerId} (null: staff). */
    public UpdateHandlerRegistration<Object> subscribe(String familyId, String viewerCarerId) {
        return emitter.registerUpdateHandler(
                new GenericSubscriptionQueryMessage<>(new FetchFamilyTimeline(familyId, 1, null, viewerCarerId),
                        ResponseTypes.instanceOf(TimelinePage.class), ResponseTypes.instanceOf(TimelineChange.class)),
                64);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        mongo.close();
    }
}
