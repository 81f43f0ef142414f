package dev.tandem.command.safeguarding;

import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The names an export prints (the setting, the child, the person exporting), read from the events that
 * gave them: the command side keeps no personal data in its lookups.
 */
@Component
class RecordNames {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    RecordNames(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
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
            return Optional.of(json.readTree(payload));
        } catch (JacksonException unreadable) {
            return Optional.empty();
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
