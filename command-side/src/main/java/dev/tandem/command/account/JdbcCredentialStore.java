package dev.tandem.command.account;

import dev.tandem.api.common.EncodedPassword;
import dev.tandem.api.common.RefusedException;
import dev.tandem.api.common.Role;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Credentials in PostgreSQL, in the same database and transaction as the event store. */
@Component
public class JdbcCredentialStore implements CredentialStore {

    private final JdbcClient jdbc;

    public JdbcCredentialStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void register(String subjectId, String username, EncodedPassword password, Collection<Role> roles,
                         String settingId, String familyId) {
        try {
            jdbc.sql("""
                            INSERT INTO credential (subject_id, username, password_hash, roles, setting_id, family_id)
                            VALUES (?, ?, ?, ?, ?, ?)""")
                    .param(subjectId)
                    .param(username.toLowerCase(Locale.ROOT))
                    .param(password.value())
                    .param(roles.stream().map(Role::name).sorted().collect(Collectors.joining(",")))
                    .param(settingId)
                    .param(familyId)
                    .update();
        } catch (DuplicateKeyException e) {
            throw RefusedException.conflict("email-taken", "Someone already signs in with this email address.");
        }
    }

    @Override
    public Optional<Credential> findByUsername(String username) {
        return jdbc.sql("""
                        SELECT subject_id, password_hash, roles, setting_id, family_id
                        FROM credential WHERE lower(username) = ?""")
                .param(username.toLowerCase(Locale.ROOT))
                .query((rs, n) -> new Credential(rs.getString(1), rs.getString(2),
                        Arrays.stream(rs.getString(3).split(",")).map(Role::valueOf)
                                .collect(Collectors.toUnmodifiableSet()),
                        rs.getString(4), rs.getString(5)))
                .optional();
    }

    @Override
    public void remove(Collection<String> subjectIds) {
        if (!subjectIds.isEmpty()) {
            jdbc.sql("DELETE FROM credential WHERE subject_id IN (:subjects)").param("subjects", subjectIds).update();
        }
    }
}
