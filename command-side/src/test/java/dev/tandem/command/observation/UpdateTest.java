package dev.tandem.command.observation;

import dev.tandem.api.common.Actor;
import dev.tandem.api.common.Channel;
import dev.tandem.api.common.EyfsArea;
import dev.tandem.api.common.RefusedException;
import dev.tandem.api.common.Role;
import dev.tandem.api.observation.ObservationShared;
import dev.tandem.api.observation.ShareObservation;
import dev.tandem.api.reply.ParentReplied;
import dev.tandem.api.reply.RecordParentReply;
import dev.tandem.command.lookup.Directory.CarerEntry;
import dev.tandem.command.lookup.Directory.ChildEntry;
import dev.tandem.command.lookup.Directory.StaffEntry;
import dev.tandem.command.lookup.InMemoryDirectory;
import dev.tandem.command.lookup.Permissions;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UpdateTest {

    private static final Instant NOW = Instant.parse("2026-11-23T09:30:00Z");
    private static final Actor KEY_PERSON = new Actor("kp-1", Set.of(Role.KEY_PERSON));
    private static final Actor OTHER_KEY_PERSON = new Actor("kp-2", Set.of(Role.KEY_PERSON));
    private static final Actor MANAGER = new Actor("manager-1", Set.of(Role.MANAGER));
    private static final Actor MANAGER_ELSEWHERE = new Actor("manager-9", Set.of(Role.MANAGER));
    private static final Actor CARER = new Actor("carer-1", Set.of(Role.CARER));

    private final InMemoryDirectory directory = new InMemoryDirectory()
            .setting("setting-1").setting("setting-9")
            .staff(new StaffEntry("kp-1", "setting-1", Set.of(Role.KEY_PERSON)))
            .staff(new StaffEntry("kp-2", "setting-1", Set.of(Role.KEY_PERSON)))
            .staff(new StaffEntry("manager-1", "setting-1", Set.of(Role.MANAGER)))
            .staff(new StaffEntry("manager-9", "setting-9", Set.of(Role.MANAGER)))
            .child(new ChildEntry("child-1", "setting-1", "family-1", "room-1", "kp-1", LocalDate.of(2023, 3, 14)))
            .carer(new CarerEntry("carer-1", "family-1", "setting-1"), "+447700900123")
            .carer(new CarerEntry("carer-9", "family-9", "setting-1"), "+447700900999");

    private AggregateTestFixture<Update> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Update.class);
        fixture.registerInjectableResource(directory);
        fixture.registerInjectableResource(new Permissions(directory));
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static ShareObservation share(Actor actor) {
        return new ShareObservation("update-1", "child-1", "Built a tower of six blocks.",
                Set.of(EyfsArea.MATHEMATICS), "Count beyond ten.", actor);
    }

    private static ObservationShared shared() {
        return new ObservationShared("update-1", "child-1", "family-1", "setting-1", "kp-1",
                "Built a tower of six blocks.", Set.of(EyfsArea.MATHEMATICS), "Count beyond ten.", NOW);
    }

    @Test
    void keyPersonSharesObservationAboutTheirKeyChild() {
        fixture.givenNoPriorActivity()
                .when(share(KEY_PERSON))
                .expectSuccessfulHandlerExecution()
                .expectEvents(shared());
    }

    @Test
    void managerOfTheSettingMayShareAboutAnyChildThere() {
        fixture.givenNoPriorActivity()
                .when(share(MANAGER))
                .expectEvents(new ObservationShared("update-1", "child-1", "family-1", "setting-1", "manager-1",
                        "Built a tower of six blocks.", Set.of(EyfsArea.MATHEMATICS), "Count beyond ten.", NOW));
    }

    @Test
    void keyPersonCannotShareObservationAboutAnotherKeyPersonsChild() {
        fixture.givenNoPriorActivity()
                .when(share(OTHER_KEY_PERSON))
                .expectException(RefusedException.class)
                .expectExceptionMessage("Only this child's key person or a manager of the setting may share about this child.")
                .expectNoEvents();
    }

    @Test
    void managerOfAnotherSettingCannotShareAboutThisChild() {
        fixture.givenNoPriorActivity()
                .when(share(MANAGER_ELSEWHERE))
                .expectException(RefusedException.class)
                .expectNoEvents();
    }

    @Test
    void carerCannotShareAnObservation() {
        fixture.givenNoPriorActivity()
                .when(share(CARER))
                .expectException(RefusedException.class)
                .expectNoEvents();
    }

    @Test
    void observationAboutAnUnknownChildIsRefusedAsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new ShareObservation("update-1", "no-such-child", "text", Set.of(EyfsArea.LITERACY), null,
                        KEY_PERSON))
                .expectExceptionMessage("There is no child no-such-child.")
                .expectNoEvents();
    }

    @Test
    void carerOfTheFamilyRepliesBySms() {
        fixture.given(shared())
                .when(new RecordParentReply("update-1", "reply-1", "carer-1", "Thank you!", Channel.SMS))
                .expectEvents(new ParentReplied("reply-1", "update-1", "child-1", "family-1", "carer-1", "Thank you!",
                        Channel.SMS, NOW));
    }

    @Test
    void theSameReplyDeliveredTwiceIsRecordedOnce() {
        fixture.given(shared(), new ParentReplied("reply-1", "update-1", "child-1", "family-1", "carer-1",
                        "Thank you!", Channel.SMS, NOW))
                .when(new RecordParentReply("update-1", "reply-1", "carer-1", "Thank you!", Channel.SMS))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void carerOfAnotherFamilyCannotReplyToThisUpdate() {
        fixture.given(shared())
                .when(new RecordParentReply("update-1", "reply-1", "carer-9", "Hello", Channel.SMS))
                .expectException(RefusedException.class)
                .expectNoEvents();
    }
}
