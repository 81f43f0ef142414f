package dev.tandem.support.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tandem.api.announcement.AnnouncementBroadcast;
import dev.tandem.api.child.ChildRegistered;
import dev.tandem.api.common.Channel;
import dev.tandem.api.common.EyfsArea;
import dev.tandem.api.delivery.NotificationSent;
import dev.tandem.api.observation.ObservationShared;
import dev.tandem.api.reply.ParentReplied;
import dev.tandem.api.setting.SettingCreated;
import dev.tandem.api.update.UpdateAcknowledged;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The chain on a real PostgreSQL, through Axon's own JDBC storage engine: an untouched record verifies,
 * and an edit, a deletion or an insertion made straight in the tables is found at the event it touched,
 * while another child's record still verifies.
 */
class ChildRecordChainTest {

    private static final String SEAL_KEY = "a-seal-key-for-tests-only-0123456789";

    private static EmbeddedPostgres postgres;
    private static JdbcTemplate jdbc;
    private static ChainingEventStorageEngine store;
    private static ChildRecords records;

    private final String settingId = id();
    private final String familyA = id();
    private final String familyB = id();
    private final String childA = id();
    private final String childB = id();

    @BeforeAll
    static void startDatabase() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        DataSource dataSource = postgres.getPostgresDatabase();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        SpringTransactionManager axonTransactions = new SpringTransactionManager(transactions);
        JacksonSerializer serializer = JacksonSerializer.builder()
                .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule())).build();
        JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(
                        new SpringDataSourceConnectionProvider(dataSource)))
                .transactionManager(axonTransactions)
                .snapshotSerializer(serializer)
                .eventSerializer(serializer)
                .build();
        RecordSeal seal = new RecordSeal(SEAL_KEY);
        store = new ChainingEventStorageEngine(engine, axonTransactions, jdbc, seal);
        records = new ChildRecords(jdbc, transactions, seal);
    }

    @AfterAll
    static void stopDatabase() throws IOException {
        postgres.close();
    }

    private String observationId;
    private String announcementId;

    @BeforeEach
    void aDayAtTheSetting() {
        observationId = id();
        announcementId = id();
        Instant now = Instant.parse("2026-12-01T09:00:00Z");
        store.appendEvents(List.of(
                domain("Setting", settingId, 0, new SettingCreated(settingId, "Little Acorns", "Europe/London", "en", "admin"))));
        store.appendEvents(List.of(domain("Child", childA, 0, new ChildRegistered(childA, settingId, familyA, "room",
                "kira", "Zofia", LocalDate.parse("2023-03-14"), "maya"))));
        store.appendEvents(List.of(domain("Child", childB, 0, new ChildRegistered(childB, settingId, familyB, "room",
                "kira", "Adam", LocalDate.parse("2023-05-01"), "maya"))));
        store.appendEvents(List.of(domain("Update", observationId, 0, new ObservationShared(observationId, childA,
                familyA, settingId, "kira", "Zofia counted to ten.", Set.of(EyfsArea.MATHEMATICS), "Beyond ten.", now))));
        store.appendEvents(List.of(GenericEventMessage.asEventMessage(new NotificationSent(id(), observationId, childA,
                familyA, "anna", Channel.SMS, "pl", "+447700900123", "SM1", now))));
        store.appendEvents(List.of(domain("Update", observationId, 1, new ParentReplied(id(), observationId, childA,
                familyA, "anna", "Dziękuję!", Channel.SMS, now))));
        store.appendEvents(List.of(domain("Update", announcementId, 0, new AnnouncementBroadcast(announcementId,
                settingId, null, "maya", "Closed", "Burst pipe", null, true,
                List.of(new AnnouncementBroadcast.Recipient(familyA, Set.of(childA)),
                        new AnnouncementBroadcast.Recipient(familyB, Set.of(childB))), now))));
        store.appendEvents(List.of(domain("Update", announcementId, 1,
                new UpdateAcknowledged(announcementId, null, familyB, "ben", now))));
    }

    @Test
    void anUntouchedRecordHoldsEveryEventAboutTheChildAndVerifies() {
        ChildRecord record = records.read(childA, null, null);

        assertThat(record.events()).extracting(StoredEvent::simpleType).containsExactly("ChildRegistered",
                "ObservationShared", "NotificationSent", "ParentReplied", "AnnouncementBroadcast");
        assertThat(record.events()).extracting(StoredEvent::globalIndex).isSorted();
        assertThat(record.integrity().verified()).isTrue();
        assertThat(record.integrity().brokenAt()).isNull();
        assertThat(record.integrity().eventCount()).isEqualTo(5);
        assertThat(record.integrity().headHash()).hasSize(64);
    }

    @Test
    void aFamilysAcknowledgementOfAnAnnouncementIsInItsOwnChildsRecordOnly() {
        assertThat(records.read(childB, null, null).events()).extracting(StoredEvent::simpleType)
                .containsExactly("ChildRegistered", "AnnouncementBroadcast", "UpdateAcknowledged");
        assertThat(records.read(childA, null, null).events()).extracting(StoredEvent::simpleType)
                .doesNotContain("UpdateAcknowledged");
    }

    @Test
    void aRewrittenPayloadBreaksTheChainAtThatEventAndOnlyInItsChildsRecord() {
        long observation = globalIndexOf("ObservationShared", childA);
        jdbc.update("UPDATE domainevententry SET payload = convert_to(replace(convert_from(payload, 'UTF8'),"
                + " 'counted to ten', 'counted to five'), 'UTF8') WHERE globalindex = ?", observation);

        ChildRecord record = records.read(childA, null, null);

        assertThat(record.integrity().verified()).isFalse();
        assertThat(record.integrity().brokenAt()).isEqualTo(observation);
        assertThat(record.events()).extracting(StoredEvent::globalIndex).contains(observation);
        assertThat(records.read(childB, null, null).integrity().verified()).isTrue();
    }

    @Test
    void aDeletedRowBreaksTheChainWhereItStood() {
        long reply = globalIndexOf("ParentReplied", childA);
        jdbc.update("DELETE FROM domainevententry WHERE globalindex = ?", reply);

        ChildRecord record = records.read(childA, null, null);

        assertThat(record.integrity().verified()).isFalse();
        assertThat(record.integrity().brokenAt()).isEqualTo(reply);
        assertThat(record.events()).extracting(StoredEvent::simpleType).doesNotContain("ParentReplied");
        assertThat(records.read(childB, null, null).integrity().verified()).isTrue();
    }

    @Test
    void aDeletedRowAndItsLinkStillShowAtTheNextEvent() {
        long reply = globalIndexOf("ParentReplied", childA);
        jdbc.update("DELETE FROM domainevententry WHERE globalindex = ?", reply);
        jdbc.update("DELETE FROM record_link WHERE child_id = ? AND global_index = ?", childA, reply);

        ChildRecord record = records.read(childA, null, null);

        assertThat(record.integrity().verified()).isFalse();
        assertThat(record.integrity().brokenAt()).isEqualTo(globalIndexOf("AnnouncementBroadcast", childA));
    }

    @Test
    void theLastEventRemovedWithItsLinkShowsAgainstTheSealedHead() {
        long announcement = globalIndexOf("AnnouncementBroadcast", childA);
        jdbc.update("DELETE FROM record_link WHERE child_id = ? AND global_index = ?", childA, announcement);

        ChildRecord record = records.read(childA, null, null);

        assertThat(record.integrity().verified()).isFalse();
        assertThat(record.integrity().brokenAt()).isEqualTo(announcement);
    }

    @Test
    void anInsertedRowIsShownAndBreaksTheChainWhereItWasInserted() {
        jdbc.update("""
                INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                    payload, payloadrevision, payloadtype, timestamp)
                SELECT aggregateidentifier, 1, type, ?, metadata, payload, payloadrevision, payloadtype, timestamp
                FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = 0""", id(), childA);
        long inserted = jdbc.queryForObject(
                "SELECT globalindex FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = 1",
                Long.class, childA);

        ChildRecord record = records.read(childA, null, null);

        assertThat(record.integrity().verified()).isFalse();
        assertThat(record.integrity().brokenAt()).isEqualTo(inserted);
        assertThat(record.events()).extracting(StoredEvent::globalIndex).contains(inserted);
        assertThat(records.read(childB, null, null).integrity().verified()).isTrue();
    }

    @Test
    void aForgedLinkWithoutTheKeyDoesNotVerify() {
        long observation = globalIndexOf("ObservationShared", childA);
        jdbc.update("UPDATE domainevententry SET payload = convert_to(replace(convert_from(payload, 'UTF8'),"
                + " 'counted to ten', 'counted to five'), 'UTF8') WHERE globalindex = ?", observation);
        // recompute every link from the tampered row on, sealed under a key guessed by the forger
        RecordSeal forged = new RecordSeal("not-the-platform-key-0123456789-abcdef");
        byte[] hash = ChainingEventStorageEngine.GENESIS;
        List<Long> positions = jdbc.queryForList(
                "SELECT position FROM record_link WHERE child_id = ? ORDER BY position", Long.class, childA);
        for (long position : positions) {
            StoredEvent event = jdbc.queryForObject("SELECT " + StoredEvent.COLUMNS + " FROM domainevententry"
                    + " WHERE globalindex = (SELECT global_index FROM record_link WHERE child_id = ? AND position = ?)",
                    (row, n) -> StoredEvent.from(row), childA, position);
            hash = event.link(hash);
            jdbc.update("UPDATE record_link SET hash = ?, seal = ? WHERE child_id = ? AND position = ?", hash,
                    forged.ofLink(childA, position, hash), childA, position);
        }

        assertThat(records.read(childA, null, null).integrity().verified()).isFalse();
    }

    @Test
    void aReviewBoundedBeforeAnEditShowsTheRecordAsItStoodAndVerifies() {
        Instant before = Instant.parse("2026-12-01T08:00:00Z");
        String later = id();
        store.appendEvents(List.of(domain("Update", later, 0, new ObservationShared(later, childA, familyA, settingId,
                "kira", "Later.", Set.of(), null, Instant.parse("2026-12-02T09:00:00Z")))));
        ChildRecord untilNow = records.read(childA, null, null);
        assertThat(untilNow.integrity().verified()).isTrue();

        ChildRecord bounded = records.read(childA, null, Instant.now());
        assertThat(bounded.events()).hasSize(untilNow.events().size());
        assertThat(records.read(childA, null, before).events()).isEmpty();
    }

    @Test
    void concurrentAppendsAboutOneChildLinkInTheStoresOrder() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> appends = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                appends.add(pool.submit(() -> store.appendEvents(List.of(GenericEventMessage.asEventMessage(
                        new NotificationSent(id(), observationId, childA, familyA, "anna", Channel.EMAIL, "en",
                                "anna@example.com", id(), Instant.now()))))));
            }
            for (Future<?> append : appends) {
                append.get();
            }
        } finally {
            pool.shutdown();
        }

        ChildRecord record = records.read(childA, null, null);
        assertThat(record.integrity().verified()).isTrue();
        assertThat(record.events()).hasSize(45);
        List<Long> positions = jdbc.queryForList(
                "SELECT global_index FROM record_link WHERE child_id = ? ORDER BY position", Long.class, childA);
        assertThat(positions).isSorted();
    }

    private long globalIndexOf(String type, String childId) {
        return jdbc.queryForObject("""
                SELECT e.globalindex FROM domainevententry e JOIN record_link l ON l.global_index = e.globalindex
                WHERE l.child_id = ? AND e.payloadtype LIKE ?""", Long.class, childId, "%." + type);
    }

    private static EventMessage<?> domain(String type, String aggregateId, long sequence, Object payload) {
        return new GenericDomainEventMessage<>(type, aggregateId, sequence, payload);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
