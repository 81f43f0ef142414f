package dev.tandem.command.update;

import dev.tandem.api.common.Actor;
import dev.tandem.api.common.RefusedException;
import dev.tandem.api.common.Role;
import dev.tandem.command.lookup.RuleLookups.CarerEntry;
import dev.tandem.command.lookup.RuleLookups.ChildEntry;
import dev.tandem.command.lookup.RuleLookups.StaffEntry;
import dev.tandem.command.lookup.InMemoryRuleLookups;
import dev.tandem.command.lookup.Permissions;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/**
 * The setting that the tests of every kind of {@link Update} share. In setting-1, room-1 has child-1 (key person kp-1)
 * and child-2 (kp-2), both of family-1 (carers carer-1 and carer-2); room-2 has child-3 (kp-2) of
 * family-2 (carer-3); room-3 is empty. Setting-9 has a manager and no children.
 */
public final class UpdateWorld {

    public static final Instant NOW = Instant.parse("2026-11-23T09:30:00Z");
    public static final Actor KEY_PERSON = new Actor("kp-1", Set.of(Role.KEY_PERSON));
    public static final Actor OTHER_KEY_PERSON = new Actor("kp-2", Set.of(Role.KEY_PERSON));
    public static final Actor MANAGER = new Actor("manager-1", Set.of(Role.MANAGER));
    public static final Actor MANAGER_ELSEWHERE = new Actor("manager-9", Set.of(Role.MANAGER));
    public static final Actor CARER = new Actor("carer-1", Set.of(Role.CARER));

    private UpdateWorld() {
    }

    public static InMemoryRuleLookups lookups() {
        return new InMemoryRuleLookups()
                .setting("setting-1").setting("setting-9")
                .staff(new StaffEntry("kp-1", "setting-1", Set.of(Role.KEY_PERSON)))
                .staff(new StaffEntry("kp-2", "setting-1", Set.of(Role.KEY_PERSON)))
                .staff(new StaffEntry("manager-1", "setting-1", Set.of(Role.MANAGER)))
                .staff(new StaffEntry("manager-9", "setting-9", Set.of(Role.MANAGER)))
                .room("room-1", "setting-1").room("room-2", "setting-1").room("room-3", "setting-1")
                .family("family-1", "setting-1").family("family-2", "setting-1")
                .child(new ChildEntry("child-1", "setting-1", "family-1", "room-1", "kp-1", LocalDate.of(2023, 3, 14)))
                .child(new ChildEntry("child-2", "setting-1", "family-1", "room-1", "kp-2", LocalDate.of(2024, 1, 2)))
                .child(new ChildEntry("child-3", "setting-1", "family-2", "room-2", "kp-2", LocalDate.of(2023, 7, 1)))
                .carer(new CarerEntry("carer-1", "family-1", "setting-1"), "+447700900123")
                .carer(new CarerEntry("carer-2", "family-1", "setting-1"), "+447700900124")
                .carer(new CarerEntry("carer-3", "family-2", "setting-1"), "+447700900125");
    }

    /** A fixture for one kind of update (or, with {@code withSubtypes}, for the root and its kinds). */
    public static <T extends Update> AggregateTestFixture<T> fixture(Class<T> kind, InMemoryRuleLookups lookups) {
        AggregateTestFixture<T> fixture = new AggregateTestFixture<>(kind);
        fixture.registerInjectableResource(lookups);
        fixture.registerInjectableResource(new Permissions(lookups));
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        return fixture;
    }

    /** A refusal with this reason and error code. */
    public static Matcher<Object> refused(RefusedException.Reason reason, String code) {
        return new TypeSafeMatcher<>(Object.class) {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof RefusedException refusal && refusal.reason() == reason
                        && refusal.code().equals(code);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a refusal " + reason + " " + code);
            }
        };
    }
}
