package dev.tandem.command.child;

import dev.tandem.api.child.ChildRegistered;
import dev.tandem.api.child.RegisterChild;
import dev.tandem.api.common.Actor;
import dev.tandem.api.common.RefusedException;
import dev.tandem.api.common.Role;
import dev.tandem.command.lookup.Directory.StaffEntry;
import dev.tandem.command.lookup.InMemoryDirectory;
import dev.tandem.command.lookup.Permissions;
import java.time.LocalDate;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChildTest {

    private static final Actor MANAGER = new Actor("manager-1", Set.of(Role.MANAGER));
    private static final LocalDate BORN = LocalDate.of(2023, 3, 14);

    private final InMemoryDirectory directory = new InMemoryDirectory()
            .setting("setting-1").setting("setting-2")
            .staff(new StaffEntry("manager-1", "setting-1", Set.of(Role.MANAGER)))
            .staff(new StaffEntry("kp-1", "setting-1", Set.of(Role.KEY_PERSON)))
            .staff(new StaffEntry("cook-1", "setting-1", Set.of(Role.DSL)))
            .staff(new StaffEntry("kp-2", "setting-2", Set.of(Role.KEY_PERSON)))
            .family("family-1", "setting-1").family("family-2", "setting-2")
            .room("room-1", "setting-1");
    private AggregateTestFixture<Child> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Child.class);
        fixture.registerInjectableResource(directory);
        fixture.registerInjectableResource(new Permissions(directory));
    }

    private static RegisterChild register(String familyId, String roomId, String keyPersonId) {
        return new RegisterChild("child-1", "setting-1", familyId, roomId, keyPersonId, "Zofia", BORN, MANAGER);
    }

    @Test
    void managerRegistersAChildWithAKeyPersonRoomAndFamily() {
        fixture.givenNoPriorActivity()
                .when(register("family-1", "room-1", "kp-1"))
                .expectEvents(new ChildRegistered("child-1", "setting-1", "family-1", "room-1", "kp-1", "Zofia", BORN,
                        "manager-1"));
    }

    @Test
    void aFamilyOfAnotherSettingIsRefused() {
        fixture.givenNoPriorActivity()
                .when(register("family-2", "room-1", "kp-1"))
                .expectExceptionMessage("There is no family family-2 at this setting.")
                .expectNoEvents();
    }

    @Test
    void anUnknownRoomIsRefused() {
        fixture.givenNoPriorActivity()
                .when(register("family-1", "room-9", "kp-1"))
                .expectException(RefusedException.class)
                .expectNoEvents();
    }

    @Test
    void aKeyPersonOfAnotherSettingIsRefused() {
        fixture.givenNoPriorActivity()
                .when(register("family-1", "room-1", "kp-2"))
                .expectException(RefusedException.class)
                .expectNoEvents();
    }

    @Test
    void staffWithoutTheKeyPersonRoleCannotBeAChildsKeyPerson() {
        fixture.givenNoPriorActivity()
                .when(register("family-1", "room-1", "cook-1"))
                .expectExceptionMessage("That staff member does not hold the key person role.")
                .expectNoEvents();
    }

    @Test
    void keyPersonCannotRegisterAChild() {
        fixture.givenNoPriorActivity()
                .when(new RegisterChild("child-1", "setting-1", "family-1", "room-1", "kp-1", "Zofia", BORN,
                        new Actor("kp-1", Set.of(Role.KEY_PERSON))))
                .expectException(RefusedException.class)
                .expectNoEvents();
    }
}
