package dev.tandem.command.update;

import static dev.tandem.command.update.UpdateWorld.CARER;
import static dev.tandem.command.update.UpdateWorld.KEY_PERSON;
import static dev.tandem.command.update.UpdateWorld.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.api.announcement.AnnouncementBroadcast;
import dev.tandem.api.announcement.AnnouncementBroadcast.Recipient;
import dev.tandem.api.common.Channel;
import dev.tandem.api.common.EyfsArea;
import dev.tandem.api.meeting.CancelMeeting;
import dev.tandem.api.meeting.MeetingBooked;
import dev.tandem.api.meeting.MeetingRescheduled;
import dev.tandem.api.meeting.RescheduleMeeting;
import dev.tandem.api.observation.ObservationShared;
import dev.tandem.api.observation.ShareObservation;
import dev.tandem.api.reply.ParentReplied;
import dev.tandem.api.reply.RecordParentReply;
import dev.tandem.api.update.AcknowledgeUpdate;
import dev.tandem.api.update.UpdateAcknowledged;
import dev.tandem.api.update.UpdateWithdrawn;
import dev.tandem.api.update.WithdrawUpdate;
import dev.tandem.command.announcement.Announcement;
import dev.tandem.command.feedback.Feedback;
import dev.tandem.command.lookup.InMemoryRuleLookups;
import dev.tandem.command.lookup.Permissions;
import dev.tandem.command.lookup.RuleLookups;
import dev.tandem.command.meeting.Meeting;
import dev.tandem.command.observation.Observation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The update aggregate wired as the platform wires it (the root with its kinds, and {@link UpdateFactory}
 * making each stream's kind), over streams stored before the kinds were subtypes: every one of those
 * carries the aggregate type {@code Update}, the abstract root, which Axon's own factory cannot make.
 */
class UpdatesStoredBeforeTheirKindsTest {

    private static final List<Class<? extends Update>> KINDS =
            List.of(Observation.class, Meeting.class, Feedback.class, Announcement.class);
    private static final Instant TEN = NOW.plusSeconds(3600);

    private final InMemoryRuleLookups lookups = UpdateWorld.lookups();
    private Configuration axon;

    @BeforeEach
    void start() {
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(configuration -> new InMemoryEventStorageEngine())
                .registerComponent(RuleLookups.class, configuration -> lookups)
                .registerComponent(Permissions.class, configuration -> new Permissions(lookups))
                .registerComponent(Clock.class, configuration -> Clock.fixed(NOW, ZoneOffset.UTC))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Update.class)
                        .withSubtypes(KINDS)
                        .configureAggregateFactory(configuration -> new UpdateFactory(KINDS, UpdatesStoredBeforeTheirKindsTest::make)))
                .buildConfiguration();
        axon.start();
    }

    @AfterEach
    void stop() {
        axon.shutdown();
    }

    @Test
    void anObservationStoredAsAnUpdateIsAcknowledged() {
        storedAsUpdate("update-1", new ObservationShared("update-1", "child-1", "family-1", "setting-1", "kp-1",
                "Painted.", Set.of(EyfsArea.EXPRESSIVE_ARTS_AND_DESIGN), null, NOW));

        axon.commandGateway().sendAndWait(new AcknowledgeUpdate("update-1", CARER));

        assertThat(payloads("update-1")).last()
                .isEqualTo(new UpdateAcknowledged("update-1", "child-1", "family-1", "carer-1", NOW));
    }

    @Test
    void aMeetingStoredAsAnUpdateIsRescheduledAsAMeeting() {
        storedAsUpdate("meeting-1", new MeetingBooked("meeting-1", "child-1", "family-1", "setting-1", "kp-1", "kp-1",
                TEN, 30, "Blue room", "Settling in", NOW));

        axon.commandGateway().sendAndWait(new RescheduleMeeting("meeting-1", TEN.plusSeconds(3600), 30, KEY_PERSON));

        assertThat(payloads("meeting-1")).last().isEqualTo(new MeetingRescheduled("meeting-1", "child-1", "family-1",
                "setting-1", "kp-1", TEN, TEN.plusSeconds(3600), 30, "kp-1", NOW));
    }

    @Test
    void anAnnouncementStoredAsAnUpdateKnowsTheFamiliesItReached() {
        storedAsUpdate("update-2", new AnnouncementBroadcast("update-2", "setting-1", null, "manager-1", "Closed",
                "Closed Friday.", null, false, List.of(new Recipient("family-2", Set.of("child-3"))), NOW));

        axon.commandGateway().sendAndWait(new RecordParentReply("update-2", "reply-1", "carer-3", "Thanks.", Channel.SMS));

        assertThat(payloads("update-2")).last().isEqualTo(new ParentReplied("reply-1", "update-2", null, "family-2",
                "carer-3", "Thanks.", Channel.SMS, NOW));
    }

    @Test
    void anUpdateSharedNowIsStoredAsItsKindAndLoadsAgain() {
        axon.commandGateway().sendAndWait(new ShareObservation("update-3", "child-1", "Counted to ten.",
                Set.of(EyfsArea.MATHEMATICS), null, KEY_PERSON));
        axon.commandGateway().sendAndWait(new WithdrawUpdate("update-3", "Wrong child.", KEY_PERSON));

        assertThat(payloads("update-3")).last().isEqualTo(new UpdateWithdrawn("update-3", "setting-1", "child-1",
                List.of("family-1"), "Wrong child.", "kp-1", NOW));
    }

    @Test
    void aMeetingsCommandToAnotherKindFindsNoHandler() {
        storedAsUpdate("update-1", new ObservationShared("update-1", "child-1", "family-1", "setting-1", "kp-1",
                "Painted.", Set.of(EyfsArea.EXPRESSIVE_ARTS_AND_DESIGN), null, NOW));

        assertThatThrownBy(() -> axon.commandGateway().sendAndWait(new CancelMeeting("update-1", "Unwell", KEY_PERSON)))
                .isInstanceOf(NoHandlerForCommandException.class);
        assertThat(payloads("update-1")).hasSize(1);
    }

    @Test
    void aStreamThatBeginsNoKindIsRefused() {
        UpdateFactory factory = new UpdateFactory(KINDS, UpdatesStoredBeforeTheirKindsTest::make);

        assertThatThrownBy(() -> factory.createAggregateRoot("update-1", new GenericDomainEventMessage<>("Update",
                "update-1", 0, new UpdateAcknowledged("update-1", "child-1", "family-1", "carer-1", NOW))))
                .isInstanceOf(IncompatibleAggregateException.class);
    }

    @Test
    void twoKindsSourcedFromTheSameEventAreRefused() {
        assertThatThrownBy(() -> new UpdateFactory(List.of(Observation.class, SecondObservation.class),
                UpdatesStoredBeforeTheirKindsTest::make))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ObservationShared");
    }

    private void storedAsUpdate(String updateId, Object firstEvent) {
        axon.eventStore().publish(new GenericDomainEventMessage<>("Update", updateId, 0, firstEvent));
    }

    private List<Object> payloads(String aggregateId) {
        return axon.eventStore().readEvents(aggregateId).asStream().<Object>map(DomainEventMessage::getPayload).toList();
    }

    private static Update make(Class<? extends Update> kind) {
        try {
            var constructor = kind.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A kind that wrongly begins with another kind's first event. */
    static class SecondObservation extends Update {

        @EventSourcingHandler
        void on(ObservationShared event) {
        }
    }
}
