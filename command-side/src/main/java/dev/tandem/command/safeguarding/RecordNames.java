package dev.tandem.command.safeguarding;

import dev.tandem.support.privacy.PersonalDataCipher;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The names an export prints (the setting, the child, the person exporting), read from the events that
 * gave them: the command side keeps no personal data in its lookups. Read as the safeguarding record
 * reads them (decision 0014): a child's name outlives the family's erasure while the record is kept.
 */
@Component
class RecordNames {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final PersonalDataCipher personalData;

    RecordNames(JdbcTemplate jdbc, JsonMapper json, PersonalDataCipher personalData) {
        this.jdbc = jdbc;
        this.json = json;
        this.personalData = personalData;
    }

    /** The first event of an aggregate (a setting's SettingCreated, a child's ChildRegistered). */
    Optional<JsonNode> firstEventOf(String aggregateId) {
        return jdbc.query("SELECT payload FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = 0",
                        (row, n) -> row.getBytes("payload"), aggregateId)
                .stream().findFirst().flatMap(this::parse);
    }

    /** A staff member's registration, among their setting's events. */
    Optional<JsonNode> staffMember(String settingId, String staffId) {
        return jdbc.query("""
                        SELECT payload FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype = ?
                        ORDER BY sequencenumber DESC""",
                        (row, n) -> row.getBytes("payload"), settingId, "dev.tandem.api.setting.StaffMemberRegistered")
                .stream().map(this::parse).flatMap(Optional::stream)
                .filter(payload -> staffId.equals(text(payload, "staffId")))
                .findFirst();
    }

    private Optional<JsonNode> parse(byte[] payload) {
        try {
            return Optional.of(json.readTree(personalData.openAll(payload, PersonalDataCipher.Reading.SAFEGUARDING_RECORD)));
        } catch (JacksonException unreadable) {
            return Optional.empty();
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
