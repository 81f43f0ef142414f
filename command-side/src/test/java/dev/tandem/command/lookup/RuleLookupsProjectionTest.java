package dev.tandem.command.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tandem.api.announcement.AnnouncementBroadcast;
import dev.tandem.api.announcement.AnnouncementBroadcast.Recipient;
import dev.tandem.api.child.ChildRegistered;
import dev.tandem.api.common.Channel;
import dev.tandem.api.common.EyfsArea;
import dev.tandem.api.common.Role;
import dev.tandem.api.delivery.NotificationSent;
import dev.tandem.api.meeting.MeetingBooked;
import dev.tandem.api.meeting.MeetingCancelled;
import dev.tandem.api.meeting.MeetingRescheduled;
import dev.tandem.api.observation.ObservationShared;
import dev.tandem.api.reply.ParentReplied;
import dev.tandem.api.setting.StaffMemberRegistered;
import dev.tandem.api.update.UpdateWithdrawn;
import dev.tandem.command.lookup.RuleLookups.ChildEntry;
import dev.tandem.command.lookup.RuleLookups.UpdateEntry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The lookups for updates, written by the projection's handlers and read through {@link JdbcRuleLookups}. */
class RuleLookupsProjectionTest {

    private static final Instant TEN = Instant.parse("2026-11-24T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-23T09:30:00Z");

    private static EmbeddedPostgres postgres;
    private static DataSource dataSource;

    private final JdbcClient jdbc = JdbcClient.create(dataSource);
    private final RuleLookupsProjection projection = new RuleLookupsProjection(jdbc);
    private final JdbcRuleLookups lookups = new JdbcRuleLookups(jdbc);

    @BeforeAll
    static void startDatabase() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        dataSource = postgres.getPostgresDatabase();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        postgres.close();
    }

    @BeforeEach
    void emptyLookups() {
        jdbc.sql("""
                TRUNCATE lookup_staff, lookup_child, lookup_meeting, lookup_update, lookup_update_family, lookup_reply,
                         lookup_sms_sent""").update();
        projection.on(new StaffMemberRegistered("setting-1", "kp-1", "Kim", "kim@example.org", Set.of(Role.KEY_PERSON),
                "manager-1"));
    }

    private static MeetingBooked booked(String meetingId, Instant startsAt) {
        return new MeetingBooked(meetingId, "child-1", "family-1", "setting-1", "kp-1", "kp-1", startsAt, 30,
                "Blue room", "Settling in", NOW);
    }

    private boolean overlaps(Instant from, Instant to, String excluded) {
        return lookups.hasOverlappingMeeting("kp-1", from, to, excluded);
    }

    @Test
    void aBookedMeetingBlocksOverlappingTimesOfItsKeyPersonOnly() {
        projection.on(booked("meeting-1", TEN));

        assertThat(overlaps(TEN.plusSeconds(15 * 60), TEN.plusSeconds(45 * 60), null)).isTrue();
        assertThat(overlaps(TEN.minusSeconds(30 * 60), TEN, null)).isFalse();
        assertThat(overlaps(TEN.plusSeconds(30 * 60), TEN.plusSeconds(60 * 60), null)).isFalse();
        assertThat(overlaps(TEN, TEN.plusSeconds(30 * 60), "meeting-1")).isFalse();
        assertThat(lookups.hasOverlappingMeeting("kp-2", TEN, TEN.plusSeconds(30 * 60), null)).isFalse();
    }

    @Test
    void aRescheduledMeetingBlocksItsNewTimeAndFreesItsOldOne() {
        projection.on(booked("meeting-1", TEN));
        Instant eleven = TEN.plusSeconds(3600);
        projection.on(new MeetingRescheduled("meeting-1", "child-1", "family-1", "setting-1", "kp-1", TEN, eleven, 45,
                "kp-1", NOW));

        assertThat(overlaps(TEN, TEN.plusSeconds(30 * 60), null)).isFalse();
        assertThat(overlaps(eleven.plusSeconds(40 * 60), eleven.plusSeconds(50 * 60), null)).isTrue();
    }

    @Test
    void cancelledAndWithdrawnMeetingsNoLongerBlock() {
        projection.on(booked("meeting-1", TEN));
        projection.on(booked("meeting-2", TEN.plusSeconds(3600)));
        projection.on(new MeetingCancelled("meeting-1", "child-1", "family-1", "setting-1", "kp-1", TEN, "Unwell",
                "kp-1", NOW));
        projection.on(new UpdateWithdrawn("meeting-2", "setting-1", "child-1", List.of("family-1"), "Wrong family.",
                "kp-1", NOW));

        assertThat(overlaps(TEN, TEN.plusSeconds(2 * 3600), null)).isFalse();
    }

    @Test
    void updatesAndRepliesAreRememberedWithTheirFamiliesOnceEvenWhenReplayed() {
        ObservationShared observation = new ObservationShared("update-1", "child-1", "family-1", "setting-1", "kp-1",
                "Painted.", Set.of(EyfsArea.EXPRESSIVE_ARTS_AND_DESIGN), null, NOW);
        AnnouncementBroadcast announcement = new AnnouncementBroadcast("update-2", "setting-1", null, "manager-1",
                "Closed", "Closed today.", null, true, List.of(new Recipient("family-1", Set.of("child-1")),
                new Recipient("family-2", Set.of("child-3"))), NOW);
        ParentReplied reply = new ParentReplied("reply-1", "update-1", "child-1", "family-1", "carer-1", "Thanks",
                Channel.SMS, NOW);
        for (int delivery = 0; delivery < 2; delivery++) {
            projection.on(observation);
            projection.on(announcement);
            projection.on(reply);
        }

        assertThat(lookups.update("update-1"))
                .contains(new UpdateEntry("update-1", "setting-1", "child-1", Set.of("family-1")));
        assertThat(lookups.update("update-2"))
                .contains(new UpdateEntry("update-2", "setting-1", null, Set.of("family-1", "family-2")));
        assertThat(lookups.update("no-such-update")).isEmpty();
        assertThat(lookups.familyOfReply("reply-1")).contains("family-1");
        assertThat(lookups.familyOfReply("no-such-reply")).isEmpty();
    }

    @Test
    void aCarersSmsIsNotThreadedToAWithdrawnUpdate() {
        SmsThreadProjection smsThreads = new SmsThreadProjection(jdbc);
        for (String updateId : List.of("update-1", "update-2")) {
            projection.on(new ObservationShared(updateId, "child-1", "family-1", "setting-1", "kp-1", "Painted.",
                    Set.of(EyfsArea.EXPRESSIVE_ARTS_AND_DESIGN), null, NOW));
        }
        smsThreads.on(new NotificationSent("n-1", "update-1", "child-1", "family-1", "carer-1", Channel.SMS, "en",
                "+447700900123", "SM1", NOW.minusSeconds(120)));
        smsThreads.on(new NotificationSent("n-2", "update-2", "child-1", "family-1", "carer-1", Channel.SMS, "en",
                "+447700900123", "SM2", NOW.minusSeconds(60)));
        assertThat(lookups.latestUpdateSentBySms("carer-1", NOW, Duration.ofDays(14))).contains("update-2");

        projection.on(new UpdateWithdrawn("update-2", "setting-1", "child-1", List.of("family-1"), "Wrong child.",
                "kp-1", NOW));

        assertThat(lookups.latestUpdateSentBySms("carer-1", NOW, Duration.ofDays(14))).contains("update-1");
    }

    @Test
    void childrenAreFoundByRoomAndBySetting() {
        projection.on(new ChildRegistered("child-1", "setting-1", "family-1", "room-1", "kp-1", "Ada",
                LocalDate.of(2023, 3, 14), "manager-1"));
        projection.on(new ChildRegistered("child-2", "setting-1", "family-2", "room-2", "kp-1", "Bo",
                LocalDate.of(2023, 5, 1), "manager-1"));

        assertThat(lookups.childrenInRoom("room-1")).extracting(ChildEntry::childId).containsExactly("child-1");
        assertThat(lookups.childrenInSetting("setting-1")).extracting(ChildEntry::childId)
                .containsExactly("child-1", "child-2");
        assertThat(lookups.childrenInSetting("setting-9")).isEmpty();
    }

    /**
     * Two bookings of the same key person at once: the second's check waits on the first's lock and,
     * once the first has committed its meeting, finds the hour taken.
     */
    @Test
    void aConcurrentBookingOfTheSameKeyPersonWaitsAndThenSeesTheFirst() throws Exception {
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        CompletableFuture<Boolean> firstChecked = new CompletableFuture<>();
        CompletableFuture<Void> firstMayCommit = new CompletableFuture<>();
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
            firstChecked.complete(overlaps(TEN, TEN.plusSeconds(30 * 60), null));
            firstMayCommit.join();
            projection.on(booked("meeting-1", TEN));
        }));
        try {
            assertThat(firstChecked.get(30, TimeUnit.SECONDS)).isFalse();
            CompletableFuture<Optional<Boolean>> second = CompletableFuture.supplyAsync(() ->
                    Optional.ofNullable(transactions.execute(status -> overlaps(TEN, TEN.plusSeconds(30 * 60), null))));
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
                    .query(Long.class).single() > 0);
            assertThat(second).isNotDone();

            firstMayCommit.complete(null);
            first.get(30, TimeUnit.SECONDS);
            assertThat(second.get(30, TimeUnit.SECONDS)).contains(true);
        } finally {
            // A failed assertion must not leave the first transaction open, holding its lock.
            firstMayCommit.complete(null);
        }
    }
}
