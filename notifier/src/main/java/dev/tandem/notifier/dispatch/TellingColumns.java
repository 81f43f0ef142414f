package dev.tandem.notifier.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.api.common.Language;
import dev.tandem.notifier.template.RenderedMessage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;

/**
 * The columns in which a telling is kept: the notice, the carer and the message rendered for them.
 * {@code notifier_message} (while it is being delivered) and {@code notifier_deferred} (while quiet
 * hours hold it back) both have them, under the same names and the same named parameters.
 */
final class TellingColumns {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> DATA = new TypeReference<>() {
    };

    private TellingColumns() {
    }

    /**
     * Binds {@code :update, :occasion, :carer, :child, :family, :setting, :children, :language, :sms,
     * :subject, :email, :title, :push, :data}.
     */
    static StatementSpec bind(StatementSpec statement, Notice notice, String carerId, RenderedMessage message) {
        return statement
                .param("update", notice.updateId())
                .param("occasion", notice.occasion())
                .param("carer", carerId)
                .param("child", notice.childId())
                .param("family", notice.familyId())
                .param("setting", notice.settingId())
                .param("children", String.join(",", notice.childIds()))
                .param("language", message.language().tag())
                .param("sms", message.smsBody())
                .param("subject", message.emailSubject())
                .param("email", message.emailBody())
                .param("title", message.pushTitle())
                .param("push", message.pushBody())
                .param("data", json(message.data()));
    }

    /** The notice of the row, urgent or not as the caller's table knows. */
    static Notice notice(ResultSet rs, boolean urgent) throws SQLException {
        return new Notice(rs.getString("update_id"), rs.getString("occasion"), rs.getString("child_id"),
                rs.getString("family_id"), rs.getString("setting_id"),
                Arrays.stream(rs.getString("child_ids").split(","))
                        .filter(id -> !id.isBlank())
                        .collect(Collectors.toSet()),
                urgent);
    }

    static RenderedMessage message(ResultSet rs) throws SQLException {
        return new RenderedMessage(
                Language.fromTag(rs.getString("language")).orElse(Language.ENGLISH),
                rs.getString("sms_body"), rs.getString("email_subject"), rs.getString("email_body"),
                rs.getString("push_title"), rs.getString("push_body"), data(rs.getString("push_data")));
    }

    private static String json(Map<String, String> data) {
        try {
            return JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("push data of ids cannot fail to serialise", e);
        }
    }

    private static Map<String, String> data(String json) {
        try {
            return JSON.readValue(json, DATA);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("push_data is not the JSON this class wrote", e);
        }
    }
}
