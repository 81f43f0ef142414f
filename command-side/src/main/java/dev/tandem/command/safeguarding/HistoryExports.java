package dev.tandem.command.safeguarding;

import dev.tandem.api.common.Role;
import dev.tandem.support.security.PlatformPrincipal;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Turns a history into a download: the facts a reader needs first, then the record, as JSON or PDF. */
@Component
class HistoryExports {

    private final RecordNames names;
    private final JsonMapper json;
    private final HistoryPdf pdf = new HistoryPdf();

    HistoryExports(RecordNames names, JsonMapper json) {
        this.names = names;
        this.json = json;
    }

    /** Blocking JDBC: call off the event loop. */
    HistoryExport describe(History history, String reason, PlatformPrincipal exporter) {
        Optional<JsonNode> child = names.firstEventOf(history.childId());
        String settingId = child.map(payload -> RecordNames.text(payload, "settingId")).orElse(null);
        Optional<JsonNode> setting = settingId == null ? Optional.empty() : names.firstEventOf(settingId);
        Optional<JsonNode> staff = settingId == null ? Optional.empty()
                : names.staffMember(settingId, exporter.subjectId());
        return new HistoryExport(
                new HistoryExport.Party(settingId, setting.map(payload -> RecordNames.text(payload, "name")).orElse(null)),
                new HistoryExport.Party(history.childId(), child.map(payload -> RecordNames.text(payload, "name")).orElse(null)),
                new HistoryExport.Exporter(exporter.subjectId(),
                        staff.map(payload -> RecordNames.text(payload, "name")).orElse(null), exportingRole(exporter)),
                history.generatedAt(), reason, history.query(), history.integrity(), history.events());
    }

    private static String exportingRole(PlatformPrincipal exporter) {
        return exporter.is(Role.DSL) ? Role.DSL.name() : Role.MANAGER.name();
    }

    byte[] json(HistoryExport export) {
        return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(export);
    }

    byte[] pdf(HistoryExport export) {
        return pdf.render(export);
    }
}
