package dev.tandem.support.security;

import dev.tandem.api.common.Role;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The platform's own record of who someone is (their roles, their setting or family), which a token is
 * checked against on every request: a token says who signed in, the directory says what they may do now.
 * Kept briefly in memory (a few seconds), so a change of roles or a removal takes effect within that time
 * rather than at the token's expiry.
 */
public class SubjectDirectory {

    /** The platform operator signs in from configuration, not from the credential table. */
    public static final String ADMIN_SUBJECT_ID =
            UUID.nameUUIDFromBytes("tandem-admin".getBytes(StandardCharsets.UTF_8)).toString();

    static final Duration FRESHNESS = Duration.ofSeconds(10);

    private final JdbcClient jdbc;
    private final Cache<String, Optional<Subject>> subjects = Caffeine.newBuilder()
            .expireAfterWrite(FRESHNESS)
            .maximumSize(50_000)
            .build();

    public SubjectDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Blocking JDBC on a miss: call off the event loop. */
    public Optional<Subject> find(String subjectId) {
        if (ADMIN_SUBJECT_ID.equals(subjectId)) {
            return Optional.of(new Subject(Set.of(Role.ADMIN), null, null));
        }
        return subjects.get(subjectId, id -> jdbc.sql("SELECT roles, setting_id, family_id FROM credential WHERE subject_id = ?")
                .param(id)
                .query((row, n) -> new Subject(
                        Arrays.stream(row.getString("roles").split(",")).map(Role::valueOf)
                                .collect(Collectors.toUnmodifiableSet()),
                        row.getString("setting_id"), row.getString("family_id")))
                .optional());
    }

    public record Subject(Set<Role> roles, String settingId, String familyId) {
    }
}
