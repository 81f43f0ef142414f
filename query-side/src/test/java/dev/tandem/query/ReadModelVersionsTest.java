package dev.tandem.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tandem.query.ReadModelVersions.Recorded;
import dev.tandem.query.familyviews.FamilyViewsGroup;
import dev.tandem.query.meeting.MeetingsGroup;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * A real Axon configuration (in-memory event store and token store) restarted over the same events,
 * tokens and Mongo, as an upgraded platform is, with {@link ReadModelVersions} and the query side's
 * {@link ReadModelGroup} holders as the application collects them. Stand-in handlers take the places of
 * "family-views" and "meetings"; the notifier's group runs beside them as in the all-in-one launcher.
 */
class ReadModelVersionsTest {

    private static final String FAMILY_VIEWS = FamilyViewsGroup.NAME;
    private static final int DECLARED = FamilyViewsGroup.VERSION;

    private final InMemoryEventStorageEngine events = new InMemoryEventStorageEngine();
    private final ClaimableTokenStore tokens = new ClaimableTokenStore();
    private final FamilyViews familyViews = new FamilyViews();
    private final Meetings meetings = new Meetings();
    private final Notifier notifier = new Notifier();
    private TestMongo mongo;
    private AnnotationConfigApplicationContext declared;
    private Configuration running;

    @BeforeEach
    void setUp() {
        mongo = new TestMongo();
        declared = DeclaredGroups.over(mongo.template());
    }

    @AfterEach
    void tearDown() {
        if (running != null) {
            running.shutdown();
        }
        declared.close();
        mongo.close();
    }

    @Test
    void aFreshInstallRecordsTheVersionWithoutAReset() {
        start(true);
        publish("observation-1");

        await().until(() -> familyViews.seen.contains("observation-1"));
        assertThat(familyViews.resets).hasValue(0);
        assertThat(recorded(FAMILY_VIEWS)).isEqualTo(DECLARED);
    }

    @Test
    void aPlatformUpgradedFromBeforeVersionsWereRecordedRebuildsItsReadModels() {
        runOldPlatformOver("observation-1");

        start(true);

        assertReplayedOnceAndRecorded();
    }

    @Test
    void aGroupWhoseRecordedVersionDiffersIsReplayedAndItsVersionRecorded() {
        runOldPlatformOver("observation-1");
        record(FAMILY_VIEWS, DECLARED - 1);

        start(true);

        assertReplayedOnceAndRecorded();
    }

    @Test
    void aGroupAlreadyAtItsVersionIsLeftAlone() {
        runOldPlatformOver("observation-1");
        record(FAMILY_VIEWS, DECLARED);

        start(true);
        publish("observation-2");

        await().until(() -> familyViews.seen.contains("observation-2"));
        assertThat(familyViews.resets).hasValue(0);
        assertThat(familyViews.seen).containsExactly("observation-1", "observation-2");
    }

    @Test
    void ofTwoGroupsOnlyTheOneWhoseRecordedVersionDiffersIsReplayed() {
        runOldPlatformOver("observation-1");
        record(FAMILY_VIEWS, DECLARED - 1);
        record(MeetingsGroup.NAME, MeetingsGroup.VERSION);

        start(true);

        assertReplayedOnceAndRecorded();
        assertThat(meetings.resets).hasValue(0);
        assertThat(meetings.handled).hasValue(1);
        assertThat(recorded(MeetingsGroup.NAME)).isEqualTo(MeetingsGroup.VERSION);
    }

    @Test
    void theNotifierIsNeverReplayed() {
        runOldPlatformOver("observation-1");
        record(FAMILY_VIEWS, DECLARED - 1);

        start(true);
        await().until(() -> familyViews.handled.get() == 2);

        assertThat(notifier.resets).hasValue(0);
        assertThat(notifier.handled).hasValue(1);
        assertThat(recorded("notifier")).isNull();
    }

    @Test
    void aGroupClaimedByAnotherNodeIsLeftAsItIsAndTheNodeStillStarts() {
        runOldPlatformOver("observation-1");
        record(FAMILY_VIEWS, DECLARED - 1);
        tokens.claimedElsewhere = true;

        start(true);

        assertThat(running.eventProcessingConfiguration().eventProcessor("notifier", StreamingEventProcessor.class))
                .hasValueSatisfying(started -> assertThat(started.isRunning()).isTrue());
        assertThat(familyViews.resets).hasValue(0);
        assertThat(recorded(FAMILY_VIEWS)).isEqualTo(DECLARED - 1);
    }

    @Test
    void twoHoldersOfOneGroupAreRefused() {
        ReadModelGroup one = new ReadModelGroup(FAMILY_VIEWS, DECLARED, Set.of("timeline_entries")) { };
        ReadModelGroup another = new ReadModelGroup(FAMILY_VIEWS, DECLARED + 1, Set.of("inbox_items")) { };

        assertThatThrownBy(() -> new ReadModelVersions(mongo.template(), List.of(one, another)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(FAMILY_VIEWS);
    }

    private void assertReplayedOnceAndRecorded() {
        await().until(() -> familyViews.seen.contains("observation-1"));
        assertThat(familyViews.resets).hasValue(1);
        assertThat(familyViews.handled).hasValue(2);
        assertThat(recorded(FAMILY_VIEWS)).isEqualTo(DECLARED);
    }

    /** The platform before this change: same processors and handlers, nothing recorded. */
    private void runOldPlatformOver(String event) {
        start(false);
        publish(event);
        await().until(() -> familyViews.seen.contains(event) && meetings.handled.get() == 1
                && notifier.handled.get() == 1);
        running.shutdown();
        running = null;
    }

    private void start(boolean withVersions) {
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(configuration -> events);
        configurer.eventProcessing()
                .usingTrackingEventProcessors()
                .registerTokenStore(configuration -> tokens)
                .registerEventHandler(configuration -> familyViews)
                .registerEventHandler(configuration -> meetings)
                .registerEventHandler(configuration -> notifier);
        if (withVersions) {
            declared.getBean(ReadModelVersions.class).configureModule(configurer);
        }
        running = configurer.start();
    }

    private void publish(String payload) {
        running.eventBus().publish(GenericEventMessage.asEventMessage(payload));
    }

    private void record(String group, int version) {
        Mongo.await(mongo.template().save(new Recorded(group, version)));
    }

    private Integer recorded(String group) {
        Recorded found = Mongo.await(mongo.template().findById(group, Recorded.class));
        return found == null ? null : found.version();
    }

    /** Counts what a group's handlers took and how often the group was reset. */
    static class Recording {

        final List<String> seen = new CopyOnWriteArrayList<>();
        final AtomicInteger handled = new AtomicInteger();
        final AtomicInteger resets = new AtomicInteger();

        @EventHandler
        void on(String event) {
            handled.incrementAndGet();
            seen.add(event);
        }

        @ResetHandler
        void reset() {
            resets.incrementAndGet();
            seen.clear();
        }
    }

    @ProcessingGroup(FamilyViewsGroup.NAME)
    static class FamilyViews extends Recording {
    }

    @ProcessingGroup(MeetingsGroup.NAME)
    static class Meetings extends Recording {
    }

    @ProcessingGroup("notifier")
    static class Notifier extends Recording {
    }

    /** Stands for a shared token table in which another node may hold the group's claim. */
    static class ClaimableTokenStore extends InMemoryTokenStore {

        volatile boolean claimedElsewhere;

        @Override
        public TrackingToken fetchToken(String processorName, int segment) {
            if (claimedElsewhere && processorName.equals(FAMILY_VIEWS)) {
                throw new UnableToClaimTokenException("claimed by another node");
            }
            return super.fetchToken(processorName, segment);
        }
    }
}
