package dev.tandem.command.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.api.child.CarerRestricted;
import dev.tandem.api.common.Channel;
import dev.tandem.api.common.QuietHours;
import dev.tandem.api.concern.ConcernCategory;
import dev.tandem.api.concern.ConcernRecorded;
import dev.tandem.api.delivery.NotificationFailed;
import dev.tandem.api.delivery.NotificationHeldBack;
import dev.tandem.api.delivery.NotificationKind;
import dev.tandem.api.delivery.NotificationRetryScheduled;
import dev.tandem.api.delivery.NotificationSent;
import dev.tandem.api.delivery.NotificationSkipped;
import dev.tandem.api.delivery.NotificationStatusReported;
import dev.tandem.api.delivery.ProviderStatus;
import dev.tandem.api.family.CarerJoinedFamily;
import dev.tandem.api.family.CarerOptedOutOfSms;
import dev.tandem.api.family.CarerPreferencesChanged;
import dev.tandem.api.family.DevicePlatform;
import dev.tandem.api.family.DeviceRegistered;
import dev.tandem.api.family.FamilyRegistered;
import dev.tandem.api.reply.CarerMessageReceived;
import dev.tandem.api.reply.ParentReplied;
import dev.tandem.api.update.UpdateAcknowledged;
import dev.tandem.command.privacy.DataExport.Acknowledgement;
import dev.tandem.command.privacy.DataExport.Device;
import dev.tandem.command.privacy.DataExport.Notification;
import dev.tandem.command.privacy.DataExport.Status;
import dev.tandem.support.privacy.DerivedMasterKey;
import dev.tandem.support.privacy.PersonalDataCipher;
import dev.tandem.support.privacy.PersonalDataSerializer;
import dev.tandem.support.privacy.SubjectKeys;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * A carer's data export read from Axon's own JDBC event store on a real PostgreSQL, personal data encrypted as
 * the platform stores it: the carer's own events and no one else's, nothing of the safeguarding record or of a
 * restriction, erased values once the keys are shredded, and old shapes read through the upcasters.
 */
class DataExportReaderTest {

    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

    private static EmbeddedPostgres postgres;
    private static JdbcTemplate jdbc;
    private static SubjectKeys keys;
    private static PersonalDataSerializer serializer;
    private static JdbcEventStorageEngine store;

    private final String settingId = id();
    private final String familyId = id();
    private final String anna = id();
    private final String tom = id();
    private final String childId = id();
    private final String siblingId = id();
    private final String updateId = id();
    private final String announcementId = id();

    @BeforeAll
    static void startDatabase() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        DataSource dataSource = postgres.getPostgresDatabase();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        JacksonSerializer plain = JacksonSerializer.builder().objectMapper(mapper).build();
        keys = new SubjectKeys(jdbc, transactions, new DerivedMasterKey("a-master-key-for-tests-only-0123456789"),
                Clock.systemUTC());
        PersonalDataCipher cipher = new PersonalDataCipher(keys, new ObjectMapper());
        serializer = new PersonalDataSerializer(plain, mapper, () -> cipher);
        store = JdbcEventStorageEngine.builder()
                .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(
                        new SpringDataSourceConnectionProvider(dataSource)))
                .transactionManager(new SpringTransactionManager(transactions))
                .snapshotSerializer(plain)
                .eventSerializer(serializer)
                .build();
    }

    @AfterAll
    static void stopDatabase() throws IOException {
        postgres.close();
    }

    @Test
    void theExportHoldsTheCarersOwnDetailsDevicesNotificationsRepliesAndAcknowledgements() {
        storeAFamilysDay();

        DataExport export = reader(new EventUpcasterChain()).read(anna);

        assertThat(export.carerId()).isEqualTo(anna);
        assertThat(export.generatedAt()).isEqualTo(NOW);
        assertThat(export.details()).isEqualTo(new DataExport.Details("Anna Nowak", "mother", "anna@example.org",
                "+447700900123", "pl", List.of(Channel.SMS, Channel.APP),
                new QuietHours(LocalTime.of(21, 0), LocalTime.of(7, 0)), true));
        assertThat(export.devices()).containsExactly(new Device("anna-phone-token", DevicePlatform.ANDROID));
        assertThat(export.notifications()).extracting(Notification::status).containsExactly(Status.HELD_BACK,
                Status.RETRY_SCHEDULED, Status.SENT, Status.DELIVERED, Status.FAILED, Status.SKIPPED);
        Notification sent = export.notifications().get(2);
        assertThat(sent).isEqualTo(new Notification("n-sms", updateId, Channel.SMS, NotificationKind.SHARED,
                Status.SENT, "+447700900123", NOW, 2, null));
        assertThat(export.notifications().get(3).detail()).isEqualTo("reported by the provider");
        assertThat(export.notifications().get(4).detail()).isEqualTo("mailbox full");
        assertThat(export.notifications().get(5).detail()).isEqualTo("withdrawn");
        assertThat(export.replies()).extracting(DataExport.Reply::text)
                .containsExactly("Dziękujemy, w domu też liczy.", "Czy Zofia zjadła obiad?");
        assertThat(export.replies().get(1).updateId()).isNull();
        assertThat(export.acknowledgements()).containsExactly(new Acknowledgement(updateId, NOW));
    }

    @Test
    void theExportHoldsNoOtherCarerNothingOfTheSafeguardingRecordAndNoRestriction() {
        storeAFamilysDay();

        String json = JsonMapper.builder().build().writeValueAsString(reader(new EventUpcasterChain()).read(anna));

        assertThat(json).doesNotContain(tom).doesNotContain("Tom Nowak").doesNotContain("tom@example.org")
                .doesNotContain("tom-phone-token").doesNotContain("Thanks from Tom")
                .doesNotContain("Bruise on the left arm").doesNotContain("Court order")
                .doesNotContain("restricted").doesNotContain(announcementId).doesNotContain("n-tom");
    }

    @Test
    void aCarerWhoseFamilyWasErasedReadsAsErasedWhereTheirDataWas() {
        storeAFamilysDay();
        keys.erase("family:" + familyId);
        keys.erase("carer:" + anna);

        DataExport export = reader(new EventUpcasterChain()).read(anna);

        assertThat(export.details().name()).isEqualTo(PersonalDataCipher.ERASED);
        assertThat(export.details().email()).isEqualTo(PersonalDataCipher.ERASED);
        assertThat(export.details().phone()).isEqualTo(PersonalDataCipher.ERASED);
        assertThat(export.details().channels()).containsExactly(Channel.SMS, Channel.APP);
        assertThat(export.devices()).containsExactly(new Device(PersonalDataCipher.ERASED, DevicePlatform.ANDROID));
        assertThat(export.notifications().get(2).address()).isEqualTo(PersonalDataCipher.ERASED);
        assertThat(export.replies()).extracting(DataExport.Reply::text)
                .containsOnly(PersonalDataCipher.ERASED);
        assertThat(export.acknowledgements()).hasSize(1);
    }

    @Test
    void aNotificationStoredInAnOlderShapeIsReadThroughAxonsUpcasters() throws Exception {
        ObjectNode revision1 = new ObjectMapper().createObjectNode().put("notificationId", "n-old")
                .put("updateId", updateId).put("childId", childId).put("familyId", familyId).put("carerId", anna)
                .put("channel", "EMAIL").put("language", "pl").put("address", "anna@example.org")
                .put("providerId", "p-1").put("sentAt", NOW.toString());
        jdbc.update("""
                INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                                              payload, payloadrevision, payloadtype, timestamp)
                VALUES (?, 0, NULL, ?, ?, ?, '1', ?, ?)""", "old-sent-" + anna, "old-sent-" + anna,
                "{}".getBytes(), new ObjectMapper().writeValueAsBytes(revision1), NotificationSent.class.getName(),
                NOW.toString());

        Notification read = reader(new OneCallUpcaster()).read(anna).notifications().get(0);

        assertThat(read.attempts()).isEqualTo(1);
        assertThat(read.kind()).isEqualTo(NotificationKind.SHARED);
        assertThat(read.address()).isEqualTo("anna@example.org");
    }

    private DataExportReader reader(EventUpcaster upcasters) {
        return new DataExportReader(JdbcClient.create(jdbc), () -> serializer, () -> upcasters,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /**
     * Anna and Tom of one family, an observation they are told of, a concern about their child and Anna's
     * restriction from the child (so that she is not told of the next update), an update about the child's sibling
     * withdrawn before she was told.
     */
    private void storeAFamilysDay() {
        List<EventMessage<?>> events = new ArrayList<>();
        events.add(family(0, new FamilyRegistered(familyId, settingId, "Nowak", id())));
        events.add(family(1, new CarerJoinedFamily(familyId, settingId, anna, "Anna Nowak", "mother",
                "anna@example.org", "+447700900123", "pl", List.of(Channel.SMS), null)));
        events.add(family(2, new CarerJoinedFamily(familyId, settingId, tom, "Tom Nowak", "father",
                "tom@example.org", "+447700900456", "en", List.of(Channel.EMAIL), null)));
        events.add(family(3, new CarerPreferencesChanged(familyId, settingId, anna, "pl",
                List.of(Channel.SMS, Channel.APP), new QuietHours(LocalTime.of(21, 0), LocalTime.of(7, 0)), anna, NOW)));
        events.add(family(4, new CarerOptedOutOfSms(familyId, settingId, anna, NOW)));
        events.add(family(5, new DeviceRegistered(familyId, anna, "anna-phone-token", DevicePlatform.ANDROID)));
        events.add(family(6, new DeviceRegistered(familyId, tom, "tom-phone-token", DevicePlatform.IOS)));
        events.add(update(0, new ParentReplied(id(), updateId, childId, familyId, anna, "Dziękujemy, w domu też liczy.",
                Channel.SMS, NOW)));
        events.add(update(1, new ParentReplied(id(), updateId, childId, familyId, tom, "Thanks from Tom", Channel.APP,
                NOW)));
        events.add(update(2, new UpdateAcknowledged(updateId, childId, familyId, anna, NOW)));
        events.add(update(3, new UpdateAcknowledged(updateId, childId, familyId, tom, NOW)));
        events.add(family(7, new CarerMessageReceived(id(), childId, familyId, anna, "Czy Zofia zjadła obiad?",
                Channel.SMS, NOW)));
        events.add(child(0, new ConcernRecorded(id(), childId, familyId, settingId, ConcernCategory.INJURY,
                "Bruise on the left arm, said " + anna + " did it.", id(), NOW)));
        events.add(child(1, new CarerRestricted(childId, familyId, settingId, anna, "Court order of 3 May", id(), NOW)));
        events.add(published(new NotificationHeldBack(updateId, childId, familyId, anna, "pl", NOW, "quiet hours",
                NOW)));
        events.add(published(new NotificationRetryScheduled("n-sms", updateId, childId, familyId, anna, Channel.SMS,
                "pl", NotificationKind.SHARED, 1, NOW, "HTTP 503", 1, "GSM-7", NOW)));
        events.add(published(new NotificationSent("n-sms", updateId, childId, familyId, anna, Channel.SMS, "pl",
                "+447700900123", "SM1", NOW, NotificationKind.SHARED, 2, 1, "GSM-7")));
        events.add(published(new NotificationStatusReported("n-sms", updateId, childId, familyId, anna, Channel.SMS,
                ProviderStatus.DELIVERED, null, NOW)));
        events.add(published(new NotificationFailed("n-email", updateId, childId, familyId, anna, Channel.EMAIL, "pl",
                "mailbox full", NOW)));
        events.add(published(new NotificationSkipped(id(), siblingId, familyId, anna, "withdrawn", NOW)));
        events.add(published(new NotificationSkipped(id(), childId, familyId, anna, "restricted from this child",
                NOW)));
        events.add(published(new NotificationSkipped(announcementId, null, familyId, anna,
                "restricted from every child it was sent for", NOW)));
        events.add(published(new NotificationSent("n-tom", updateId, childId, familyId, tom, Channel.EMAIL, "en",
                "tom@example.org", "M1", NOW)));
        store.appendEvents(events);
    }

    private EventMessage<?> family(long sequence, Object event) {
        return new GenericDomainEventMessage<>("Family", familyId, sequence, event);
    }

    private EventMessage<?> update(long sequence, Object event) {
        return new GenericDomainEventMessage<>("Update", updateId, sequence, event);
    }

    private EventMessage<?> child(long sequence, Object event) {
        return new GenericDomainEventMessage<>("Child", childId, sequence, event);
    }

    /** As the notifier publishes: an event of no aggregate. */
    private static EventMessage<?> published(Object event) {
        return GenericEventMessage.asEventMessage(event);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    /** Reads a revision 1 notification as sent at one call, as the query side's delivery upcaster does. */
    private static final class OneCallUpcaster extends SingleEventUpcaster {

        @Override
        protected boolean canUpcast(IntermediateEventRepresentation event) {
            return NotificationSent.class.getName().equals(event.getType().getName())
                    && "1".equals(event.getType().getRevision());
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
            return event.upcastPayload(new SimpleSerializedType(event.getType().getName(), "2"), JsonNode.class,
                    payload -> ((ObjectNode) payload.deepCopy()).put("attempts", 1));
        }
    }
}
