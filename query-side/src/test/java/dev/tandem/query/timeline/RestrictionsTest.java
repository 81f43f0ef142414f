package dev.tandem.query.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.api.announcement.AnnouncementBroadcast;
import dev.tandem.api.announcement.AnnouncementBroadcast.Recipient;
import dev.tandem.api.child.CarerRestricted;
import dev.tandem.api.child.CarerRestrictionLifted;
import dev.tandem.api.common.EyfsArea;
import dev.tandem.api.observation.ObservationShared;
import dev.tandem.api.timeline.TimelineEntry;
import dev.tandem.api.timeline.TimelinePage;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.axonframework.queryhandling.UpdateHandlerRegistration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

/** A carer barred from a child reads the family's timeline, and follows it live, without that child. */
class RestrictionsTest {

    private static final Instant NINE = Instant.parse("2026-11-23T09:00:00Z");

    @RegisterExtension
    final FamilyViews views = new FamilyViews();
    private final TimelineProjection timeline = views.timeline;

    private static ObservationShared observation(String updateId, String childId, int minute) {
        return new ObservationShared(updateId, childId, "family-1", "setting-1", "kp-1", "Built a tower.",
                Set.of(EyfsArea.PHYSICAL_DEVELOPMENT), null, NINE.plusSeconds(60L * minute));
    }

    private static AnnouncementBroadcast announcement(String updateId, Set<String> childIds, int minute) {
        return new AnnouncementBroadcast(updateId, "setting-1", null, "manager-1", "Closed Monday", "Boiler repair.",
                null, false, List.of(new Recipient("family-1", childIds)), NINE.plusSeconds(60L * minute));
    }

    private void restrict(String carerId, String childId) {
        views.lookups.on(new CarerRestricted(childId, "family-1", "setting-1", carerId, "Court order.", "dsl-1",
                NINE));
    }

    private static List<String> ids(List<TimelineEntry> entries) {
        return entries.stream().map(TimelineEntry::id).toList();
    }

    @Test
    void aRestrictedCarerDoesNotSeeEntriesAboutThatChildButOthersDo() throws Exception {
        timeline.on(observation("about-child-1", "child-1", 1));
        timeline.on(observation("about-child-3", "child-3", 2));
        restrict("carer-2", "child-1");

        assertThat(ids(views.entries("family-1", "carer-2"))).containsExactly("about-child-3");
        assertThat(ids(views.entries("family-1", "carer-1"))).containsExactly("about-child-3", "about-child-1");
        assertThat(ids(views.entries("family-1", null))).containsExactly("about-child-3", "about-child-1");
    }

    @Test
    void aRestrictedCarerSeesAnAnnouncementUnlessEveryChildItReachedThemThroughIsBarred() throws Exception {
        timeline.on(announcement("through-both", Set.of("child-1", "child-3"), 1));
        timeline.on(announcement("through-child-1", Set.of("child-1"), 2));
        restrict("carer-2", "child-1");

        assertThat(ids(views.entries("family-1", "carer-2"))).containsExactly("through-both");

        restrict("carer-2", "child-3");
        assertThat(views.entries("family-1", "carer-2")).isEmpty();
    }

    @Test
    void liftingTheRestrictionRestoresTheEntries() throws Exception {
        timeline.on(observation("about-child-1", "child-1", 1));
        restrict("carer-2", "child-1");
        restrict("carer-2", "child-1");
        assertThat(views.entries("family-1", "carer-2")).isEmpty();

        views.lookups.on(new CarerRestrictionLifted("child-1", "family-1", "setting-1", "carer-2", "Order ended.",
                "dsl-1", NINE.plusSeconds(86_400)));

        assertThat(ids(views.entries("family-1", "carer-2"))).containsExactly("about-child-1");
    }

    @Test
    void pagesForARestrictedCarerSkipWhatTheyMayNotSeeAndStillReachTheEnd() throws Exception {
        for (int minute = 1; minute <= 6; minute++) {
            timeline.on(observation("update-" + minute, minute % 2 == 0 ? "child-1" : "child-3", minute));
        }
        restrict("carer-2", "child-1");

        TimelinePage first = views.page("family-1", 2, null, "carer-2");
        TimelinePage last = views.page("family-1", 2, first.next(), "carer-2");

        assertThat(ids(first.entries())).containsExactly("update-5", "update-3");
        assertThat(ids(last.entries())).containsExactly("update-1");
        assertThat(last.next()).isNull();
    }

    @Test
    void aRestrictedCarersLiveStreamLeavesOutThatChildWhileStaffAndOtherCarersGetIt() {
        restrict("carer-2", "child-1");
        UpdateHandlerRegistration<Object> restricted = views.subscribe("family-1", "carer-2");
        UpdateHandlerRegistration<Object> otherCarer = views.subscribe("family-1", "carer-1");
        UpdateHandlerRegistration<Object> staff = views.subscribe("family-1", null);

        timeline.on(observation("about-child-1", "child-1", 1));
        timeline.on(observation("about-child-3", "child-3", 2));
        List.of(restricted, otherCarer, staff).forEach(UpdateHandlerRegistration::complete);

        StepVerifier.create(restricted.getUpdates().map(update -> changedId(update.getPayload())))
                .expectNext("about-child-3").verifyComplete();
        StepVerifier.create(otherCarer.getUpdates().map(update -> changedId(update.getPayload())))
                .expectNext("about-child-1", "about-child-3").verifyComplete();
        StepVerifier.create(staff.getUpdates().map(update -> changedId(update.getPayload())))
                .expectNext("about-child-1", "about-child-3").verifyComplete();
    }

    @Test
    void aCarersOpenStreamIsToldToDropTheChildsEntriesWhenTheyAreBarred() {
        timeline.on(observation("about-child-1", "child-1", 1));
        timeline.on(observation("about-child-3", "child-3", 2));
        timeline.on(announcement("through-child-1", Set.of("child-1"), 3));
        UpdateHandlerRegistration<Object> barred = views.subscribe("family-1", "carer-2");
        UpdateHandlerRegistration<Object> otherCarer = views.subscribe("family-1", "carer-1");

        CarerRestricted restriction = new CarerRestricted("child-1", "family-1", "setting-1", "carer-2",
                "Court order.", "dsl-1", NINE);
        timeline.on(restriction);
        views.lookups.on(restriction);
        barred.complete();
        otherCarer.complete();

        StepVerifier.create(barred.getUpdates().map(update -> ((TimelineChange.Withdrawn) update.getPayload()).id()))
                .recordWith(java.util.ArrayList::new)
                .expectNextCount(2)
                .consumeRecordedWith(dropped -> assertThat(dropped).containsExactlyInAnyOrder(
                        "about-child-1", "through-child-1"))
                .verifyComplete();
        StepVerifier.create(otherCarer.getUpdates()).verifyComplete();
    }

    private static String changedId(Object change) {
        return ((TimelineChange.Changed) change).entry().id();
    }
}
