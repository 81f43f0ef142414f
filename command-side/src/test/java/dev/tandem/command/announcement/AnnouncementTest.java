package dev.tandem.command.announcement;

import static dev.tandem.api.common.RefusedException.Reason.CONFLICT;
import static dev.tandem.api.common.RefusedException.Reason.FORBIDDEN;
import static dev.tandem.api.common.RefusedException.Reason.NOT_FOUND;
import static dev.tandem.command.update.UpdateWorld.CARER;
import static dev.tandem.command.update.UpdateWorld.KEY_PERSON;
import static dev.tandem.command.update.UpdateWorld.MANAGER;
import static dev.tandem.command.update.UpdateWorld.MANAGER_ELSEWHERE;
import static dev.tandem.command.update.UpdateWorld.NOW;
import static dev.tandem.command.update.UpdateWorld.OTHER_KEY_PERSON;
import static dev.tandem.command.update.UpdateWorld.refused;

import dev.tandem.api.announcement.AnnouncementBroadcast;
import dev.tandem.api.announcement.AnnouncementBroadcast.Recipient;
import dev.tandem.api.announcement.BroadcastAnnouncement;
import dev.tandem.api.common.Actor;
import dev.tandem.command.update.UpdateWorld;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AnnouncementTest {

    private static final LocalDate FRIDAY = LocalDate.of(2026, 11, 27);
    private static final Recipient FAMILY_1 = new Recipient("family-1", Set.of("child-1", "child-2"));
    private static final Recipient FAMILY_2 = new Recipient("family-2", Set.of("child-3"));

    private AggregateTestFixture<Announcement> fixture;

    @BeforeEach
    void setUp() {
        fixture = UpdateWorld.fixture(Announcement.class, UpdateWorld.lookups());
    }

    private static BroadcastAnnouncement toRoom(String roomId, Actor actor) {
        return new BroadcastAnnouncement("announcement-1", null, roomId, "Pyjama day", "Come in pyjamas.", FRIDAY,
                false, actor);
    }

    private static BroadcastAnnouncement toSetting(String settingId, Actor actor) {
        return new BroadcastAnnouncement("announcement-1", settingId, null, "Closed", "Heating failure: closed today.",
                null, true, actor);
    }

    private static AnnouncementBroadcast broadcastToRoom(String roomId, String authorId, Recipient recipient) {
        return new AnnouncementBroadcast("announcement-1", "setting-1", roomId, authorId, "Pyjama day",
                "Come in pyjamas.", FRIDAY, false, List.of(recipient), NOW);
    }

    @Test
    void keyPersonAnnouncesToTheRoomOfTheirKeyChildReachingEachFamilyOnce() {
        fixture.givenNoPriorActivity()
                .when(toRoom("room-1", KEY_PERSON))
                .expectEvents(broadcastToRoom("room-1", "kp-1", FAMILY_1));
    }

    @Test
    void managerAnnouncesToAnyRoomOfTheirSetting() {
        fixture.givenNoPriorActivity()
                .when(toRoom("room-2", MANAGER))
                .expectEvents(broadcastToRoom("room-2", "manager-1", FAMILY_2));
    }

    @Test
    void keyPersonCannotAnnounceToARoomWithNoneOfTheirKeyChildren() {
        fixture.givenNoPriorActivity()
                .when(toRoom("room-2", KEY_PERSON))
                .expectException(refused(FORBIDDEN, "not-key-person-in-room"))
                .expectNoEvents();
    }

    @Test
    void managerOfAnotherSettingCannotAnnounceToTheRoom() {
        fixture.givenNoPriorActivity()
                .when(toRoom("room-1", MANAGER_ELSEWHERE))
                .expectException(refused(FORBIDDEN, "not-key-person-in-room"))
                .expectNoEvents();
    }

    @Test
    void carerCannotAnnounceToARoom() {
        fixture.givenNoPriorActivity()
                .when(toRoom("room-1", CARER))
                .expectException(refused(FORBIDDEN, "not-key-person-in-room"))
                .expectNoEvents();
    }

    @Test
    void announcementToAnUnknownRoomIsRefusedAsNotFound() {
        fixture.givenNoPriorActivity()
                .when(toRoom("no-such-room", MANAGER))
                .expectException(refused(NOT_FOUND, "unknown-room"))
                .expectNoEvents();
    }

    @Test
    void announcementToARoomWithoutFamiliesIsRefused() {
        fixture.givenNoPriorActivity()
                .when(toRoom("room-3", MANAGER))
                .expectException(refused(CONFLICT, "announcement-without-families"))
                .expectNoEvents();
    }

    @Test
    void managerAnnouncesUrgentlyToTheWholeSetting() {
        fixture.givenNoPriorActivity()
                .when(toSetting("setting-1", MANAGER))
                .expectEvents(new AnnouncementBroadcast("announcement-1", "setting-1", null, "manager-1", "Closed",
                        "Heating failure: closed today.", null, true, List.of(FAMILY_1, FAMILY_2), NOW));
    }

    @Test
    void keyPersonCannotAnnounceToTheWholeSetting() {
        fixture.givenNoPriorActivity()
                .when(toSetting("setting-1", OTHER_KEY_PERSON))
                .expectException(refused(FORBIDDEN, "not-a-manager-here"))
                .expectNoEvents();
    }

    @Test
    void managerOfAnotherSettingCannotAnnounceToThisSetting() {
        fixture.givenNoPriorActivity()
                .when(toSetting("setting-1", MANAGER_ELSEWHERE))
                .expectException(refused(FORBIDDEN, "not-a-manager-here"))
                .expectNoEvents();
    }

    @Test
    void announcementToAnUnknownSettingIsRefusedAsNotFound() {
        fixture.givenNoPriorActivity()
                .when(toSetting("no-such-setting", MANAGER))
                .expectException(refused(NOT_FOUND, "unknown-setting"))
                .expectNoEvents();
    }

    @Test
    void announcementToASettingWithoutFamiliesIsRefused() {
        fixture.givenNoPriorActivity()
                .when(toSetting("setting-9", MANAGER_ELSEWHERE))
                .expectException(refused(CONFLICT, "announcement-without-families"))
                .expectNoEvents();
    }
}
