package dev.tandem.command.observation;

import static dev.tandem.api.common.RefusedException.Reason.FORBIDDEN;
import static dev.tandem.api.common.RefusedException.Reason.NOT_FOUND;
import static dev.tandem.command.update.UpdateWorld.CARER;
import static dev.tandem.command.update.UpdateWorld.KEY_PERSON;
import static dev.tandem.command.update.UpdateWorld.MANAGER;
import static dev.tandem.command.update.UpdateWorld.MANAGER_ELSEWHERE;
import static dev.tandem.command.update.UpdateWorld.NOW;
import static dev.tandem.command.update.UpdateWorld.OTHER_KEY_PERSON;
import static dev.tandem.command.update.UpdateWorld.refused;

import dev.tandem.api.common.Actor;
import dev.tandem.api.common.EyfsArea;
import dev.tandem.api.observation.ObservationShared;
import dev.tandem.api.observation.ShareObservation;
import dev.tandem.command.update.UpdateWorld;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sharing an observation: who may, about whom. What follows (replies, acknowledgements, withdrawal) is UpdateTest's. */
class ObservationTest {

    private AggregateTestFixture<Observation> fixture;

    @BeforeEach
    void setUp() {
        fixture = UpdateWorld.fixture(Observation.class, UpdateWorld.lookups());
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
                .expectException(refused(FORBIDDEN, "not-key-person"))
                .expectExceptionMessage("Only this child's key person or a manager of the setting may share about this child.")
                .expectNoEvents();
    }

    @Test
    void managerOfAnotherSettingCannotShareAboutThisChild() {
        fixture.givenNoPriorActivity()
                .when(share(MANAGER_ELSEWHERE))
                .expectException(refused(FORBIDDEN, "not-key-person"))
                .expectNoEvents();
    }

    @Test
    void carerCannotShareAnObservation() {
        fixture.givenNoPriorActivity()
                .when(share(CARER))
                .expectException(refused(FORBIDDEN, "not-key-person"))
                .expectNoEvents();
    }

    @Test
    void observationAboutAnUnknownChildIsRefusedAsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new ShareObservation("update-1", "no-such-child", "text", Set.of(EyfsArea.LITERACY), null,
                        KEY_PERSON))
                .expectException(refused(NOT_FOUND, "unknown-child"))
                .expectExceptionMessage("There is no child no-such-child.")
                .expectNoEvents();
    }
}
