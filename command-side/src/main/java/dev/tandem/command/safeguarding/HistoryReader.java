package dev.tandem.command.safeguarding;

import dev.tandem.api.common.Role;
import dev.tandem.api.safeguarding.HistoryQuery;
import dev.tandem.support.axon.ActingPerson;
import dev.tandem.support.privacy.PersonalDataCipher;
import dev.tandem.support.record.ChildRecord;
import dev.tandem.support.record.ChildRecords;
import dev.tandem.support.record.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Reads a child's history from the event store (never a read model) and turns the stored rows into a review's
 * events, their personal data opened with any key the record may use (the child's safeguarding key included,
 * decision 0014): what no key opens any more shows as erased.
 */
@Component
class HistoryReader {

    /** The order in which a person's roles name what they acted as, when the event does not say. */
    private static final List<Role> ACTING_ROLE_ORDER =
            List.of(Role.ADMIN, Role.CARER, Role.MANAGER, Role.DSL, Role.KEY_PERSON);
    /** The events that are a DSL's work: their author acted as DSL whatever else they hold. */
    private static final Set<String> SAFEGUARDING_LEAD_EVENTS = Set.of("ConcernActionRecorded");

    private final ChildRecords records;
    private final JsonMapper json;
    private final PersonalDataCipher personalData;
    private final Clock clock;

    HistoryReader(ChildRecords records, JsonMapper json, PersonalDataCipher personalData, Clock clock) {
        this.records = records;
        this.json = json;
        this.personalData = personalData;
        this.clock = clock;
    }

    /** Blocking JDBC: call off the event loop. */
    History read(String childId, HistoryQuery query) {
        Instant generatedAt = clock.instant();
        ChildRecord record = records.read(childId, query.from(), upperBound(query));
        ChildRecord.Integrity integrity = record.integrity();
        return new History(childId, generatedAt, query,
                new History.Integrity(integrity.verified(), integrity.eventCount(), integrity.headHash(),
                        integrity.brokenAt()),
                record.events().stream().map(this::event).toList());
    }

    private static Instant upperBound(HistoryQuery query) {
        if (query.to() == null) {
            return query.asOf();
        }
        if (query.asOf() == null) {
            return query.to();
        }
        return query.to().isBefore(query.asOf()) ? query.to() : query.asOf();
    }

    private History.Event event(StoredEvent stored) {
        JsonNode payload = parse(personalData.openAll(stored.payload(), PersonalDataCipher.Reading.SAFEGUARDING_RECORD));
        return new History.Event(stored.globalIndex(), stored.eventIdentifier(), stored.simpleType(),
                stored.timestamp(), actor(stored, payload), payload);
    }

    private History.Actor actor(StoredEvent stored, JsonNode payload) {
        JsonNode metadata = parse(stored.metadata());
        String id = text(metadata, ActingPerson.ACTOR_ID);
        if (id == null) {
            return new History.Actor(null, "SYSTEM", List.of());
        }
        String rolesText = text(metadata, ActingPerson.ACTOR_ROLES);
        List<String> roles = rolesText == null || rolesText.isBlank() ? List.of() : Arrays.asList(rolesText.split(","));
        String role = text(payload, "role");
        if (role == null && SAFEGUARDING_LEAD_EVENTS.contains(stored.simpleType()) && roles.contains(Role.DSL.name())) {
            role = Role.DSL.name();
        }
        if (role == null) {
            role = ACTING_ROLE_ORDER.stream().map(Role::name).filter(roles::contains).findFirst().orElse(null);
        }
        return new History.Actor(id, role, roles);
    }

    /** The stored bytes as JSON; a row that no longer reads as JSON (edited by hand) is shown as its text. */
    private JsonNode parse(byte[] bytes) {
        if (bytes == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        try {
            return json.readTree(bytes);
        } catch (JacksonException notJson) {
            return JsonNodeFactory.instance.stringNode(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    private static String text(JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
