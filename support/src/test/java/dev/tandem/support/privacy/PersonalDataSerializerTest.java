package dev.tandem.support.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.api.child.ChildRegistered;
import dev.tandem.api.common.Channel;
import dev.tandem.api.common.EyfsArea;
import dev.tandem.api.concern.ConcernCategory;
import dev.tandem.api.concern.ConcernRecorded;
import dev.tandem.api.family.CarerJoinedFamily;
import dev.tandem.api.observation.ObservationShared;
import dev.tandem.support.privacy.PersonalDataCipher.Reading;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Personal data through Axon's own JDBC storage engine on a real PostgreSQL: stored encrypted under its
 * subjects' keys, read back as it was, and read as erased once a key is shredded, the child's
 * safeguarding record still opening what it keeps.
 */
class PersonalDataSerializerTest {

    private static final String MASTER = "a-master-key-for-tests-only-0123456789";
    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

    private static EmbeddedPostgres postgres;
    private static JdbcTemplate jdbc;
    private static DataSourceTransactionManager transactions;
    private static ObjectMapper mapper;
    private static JacksonSerializer plain;
    private static PersonalDataCipher cipher;
    private static SubjectKeys keys;
    private static PersonalDataSerializer serializer;
    private static JdbcEventStorageEngine store;

    @BeforeAll
    static void startDatabase() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        DataSource dataSource = postgres.getPostgresDatabase();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        transactions = new DataSourceTransactionManager(dataSource);
        mapper = new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        plain = JacksonSerializer.builder().objectMapper(mapper).build();
        keys = new SubjectKeys(jdbc, transactions, new DerivedMasterKey(MASTER), Clock.systemUTC());
        cipher = new PersonalDataCipher(keys, new ObjectMapper());
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
    void anObservationIsStoredWithoutItsTextAndReadBackAsItWas() {
        ObservationShared shared = observation(id(), id(), id());

        store.appendEvents(List.of(domain(shared.updateId(), shared)));

        String stored = storedPayload(shared.updateId());
        assertThat(stored).doesNotContain("Zofia counted").doesNotContain("Beyond ten")
                .contains(shared.childId()).contains(shared.familyId()).contains("MATHEMATICS");
        assertThat(read(shared.updateId())).isEqualTo(shared);
    }

    @Test
    void erasingTheFamilyErasesWhatWasSharedWithItButTheChildsRecordStillReadsIt() {
        ObservationShared shared = observation(id(), id(), id());
        store.appendEvents(List.of(domain(shared.updateId(), shared)));

        keys.erase("family:" + shared.familyId());

        ObservationShared erased = (ObservationShared) read(shared.updateId());
        assertThat(erased.text()).isEqualTo(PersonalDataCipher.ERASED);
        assertThat(erased.nextSteps()).isEqualTo(PersonalDataCipher.ERASED);
        assertThat(erased.areas()).containsExactly(EyfsArea.MATHEMATICS);
        JsonNode record = tree(cipher.openAll(storedPayload(shared.updateId()).getBytes(StandardCharsets.UTF_8),
                Reading.SAFEGUARDING_RECORD));
        assertThat(record.get("text").asText()).isEqualTo("Zofia counted to ten.");

        keys.erase("child:" + shared.childId());

        JsonNode shredded = tree(cipher.openAll(storedPayload(shared.updateId()).getBytes(StandardCharsets.UTF_8),
                Reading.SAFEGUARDING_RECORD));
        assertThat(shredded.get("text").asText()).isEqualTo(PersonalDataCipher.ERASED);
    }

    @Test
    void aConcernIsKeptUnderTheChildsKeyAloneSoTheFamilysErasureLeavesIt() {
        String childId = id();
        String familyId = id();
        ConcernRecorded concern = new ConcernRecorded(id(), childId, familyId, id(), ConcernCategory.INJURY,
                "Bruise on the left arm, said he fell.", id(), NOW);
        store.appendEvents(List.of(domain(childId, concern)));

        keys.erase("family:" + familyId);

        assertThat(storedPayload(childId)).doesNotContain("Bruise");
        assertThat(((ConcernRecorded) read(childId)).text()).isEqualTo("Bruise on the left arm, said he fell.");
    }

    @Test
    void aCarersOwnDetailsAreUnderTheirOwnKey() {
        String familyId = id();
        String carerId = id();
        CarerJoinedFamily joined = new CarerJoinedFamily(familyId, id(), carerId, "Anna Nowak", "mother",
                "anna@example.org", "+447700900123", "pl", List.of(Channel.SMS), null);
        store.appendEvents(List.of(domain(familyId, joined)));
        assertThat(storedPayload(familyId)).doesNotContain("anna@example.org").doesNotContain("+447700900123")
                .doesNotContain("Anna Nowak");

        keys.erase("family:" + familyId);
        assertThat(((CarerJoinedFamily) read(familyId)).email()).isEqualTo("anna@example.org");

        keys.erase("carer:" + carerId);
        CarerJoinedFamily erased = (CarerJoinedFamily) read(familyId);
        assertThat(erased.name()).isEqualTo(PersonalDataCipher.ERASED);
        assertThat(erased.phone()).isEqualTo(PersonalDataCipher.ERASED);
        assertThat(erased.preferredLanguage()).isEqualTo("pl");
    }

    @Test
    void aDateOfBirthThatCanNoLongerBeReadIsNull() {
        String childId = id();
        String familyId = id();
        ChildRegistered registered = new ChildRegistered(childId, id(), familyId, id(), id(), "Zofia",
                LocalDate.parse("2023-03-14"), id());
        store.appendEvents(List.of(domain(childId, registered)));
        assertThat(storedPayload(childId)).doesNotContain("2023-03-14").doesNotContain("Zofia");
        assertThat(read(childId)).isEqualTo(registered);

        keys.erase("family:" + familyId);

        ChildRegistered erased = (ChildRegistered) read(childId);
        assertThat(erased.name()).isEqualTo(PersonalDataCipher.ERASED);
        assertThat(erased.dateOfBirth()).isNull();
    }

    @Test
    void whatIsWrittenAboutAnErasedFamilyIsNeverReadableAsTheFamilys() {
        String familyId = id();
        keys.erase("family:" + familyId);
        ObservationShared late = observation(id(), id(), familyId);

        store.appendEvents(List.of(domain(late.updateId(), late)));

        assertThat(keys.isErased("family:" + familyId)).isTrue();
        assertThat(((ObservationShared) read(late.updateId())).text()).isEqualTo(PersonalDataCipher.ERASED);
        assertThat(storedPayload(late.updateId())).doesNotContain("Zofia counted");
    }

    @Test
    void anEventStoredBeforeItsFieldsWereSealedReadsAsItWas() {
        ObservationShared old = observation(id(), id(), id());
        SerializedObject<byte[]> unsealed = plain.serialize(old, byte[].class);

        Object read = serializer.deserialize(unsealed);

        assertThat(read).isEqualTo(old);
    }

    @Test
    void aCiphertextMovedToAnotherFieldDoesNotOpen() throws Exception {
        ObservationShared shared = observation(id(), id(), id());
        ObjectNode stored = (ObjectNode) mapper.readTree(serializer.serialize(shared, byte[].class).getData());
        stored.set("nextSteps", stored.get("text").deepCopy());

        ObservationShared moved = (ObservationShared) serializer.deserialize(new org.axonframework.serialization
                .SimpleSerializedObject<>(mapper.writeValueAsBytes(stored), byte[].class,
                plain.typeForClass(ObservationShared.class)));

        assertThat(moved.text()).isEqualTo("Zofia counted to ten.");
        assertThat(moved.nextSteps()).isEqualTo(PersonalDataCipher.ERASED);
    }

    @Test
    void aDataKeyOpensOnlyForItsOwnSubjectAndOnlyWithTheMasterKey() {
        String familyA = "family:" + id();
        String familyB = "family:" + id();
        keys.forWriting(familyA);
        keys.forWriting(familyB);
        jdbc.update("UPDATE privacy_subject_key SET keyset = (SELECT keyset FROM privacy_subject_key WHERE subject = ?)"
                + " WHERE subject = ?", familyA, familyB);
        SubjectKeys fresh = new SubjectKeys(jdbc, transactions, new DerivedMasterKey(MASTER), Clock.systemUTC());
        assertThatThrownBy(() -> fresh.forReading(familyB)).isInstanceOf(IllegalStateException.class);

        SubjectKeys otherMaster = new SubjectKeys(jdbc, transactions,
                new DerivedMasterKey("another-master-key-for-tests-0123456789"), Clock.systemUTC());
        assertThatThrownBy(() -> otherMaster.forReading(familyA)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anErasedSubjectNeverGetsANewKey() {
        String subject = "carer:" + id();
        assertThat(keys.forWriting(subject)).isPresent();

        assertThat(keys.erase(subject)).isTrue();

        assertThat(keys.forWriting(subject)).isEmpty();
        assertThat(keys.forReading(subject)).isEmpty();
        assertThat(new SubjectKeys(jdbc, transactions, new DerivedMasterKey(MASTER), Clock.systemUTC())
                .forWriting(subject)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM privacy_subject_key WHERE subject = ? AND keyset IS NULL",
                Integer.class, subject)).isOne();
    }

    private static ObservationShared observation(String updateId, String childId, String familyId) {
        return new ObservationShared(updateId, childId, familyId, id(), id(), "Zofia counted to ten.",
                Set.of(EyfsArea.MATHEMATICS), "Beyond ten.", NOW);
    }

    private static Object read(String aggregateId) {
        DomainEventStream events = store.readEvents(aggregateId);
        EventMessage<?> last = null;
        while (events.hasNext()) {
            last = events.next();
        }
        assertThat(last).as("an event of " + aggregateId).isNotNull();
        return last.getPayload();
    }

    private static String storedPayload(String aggregateId) {
        byte[] payload = jdbc.queryForObject("SELECT payload FROM domainevententry WHERE aggregateidentifier = ?"
                + " ORDER BY sequencenumber DESC LIMIT 1", byte[].class, aggregateId);
        return new String(payload, StandardCharsets.UTF_8);
    }

    private static JsonNode tree(byte[] json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static GenericDomainEventMessage<Object> domain(String aggregateId, Object payload) {
        return new GenericDomainEventMessage<>("Test", aggregateId, 0, payload);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
