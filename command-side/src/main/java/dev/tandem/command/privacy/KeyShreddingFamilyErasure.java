package dev.tandem.command.privacy;

import dev.tandem.api.common.PersonalData.Subject;
import dev.tandem.api.family.FamilyErased;
import dev.tandem.command.account.CredentialStore;
import dev.tandem.support.privacy.SubjectKeys;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Erases a family at once (decision 0014) on PostgreSQL: shreds the keys of the family and of each of its carers, so that
 * nothing personal stored about them can be read again, and removes the carers' sign-in. A child of the
 * family with a safeguarding record (any concern) keeps it under the child's own key until the child
 * reaches the setting's safeguarding age; the other children's keys are shredded too. Runs in the
 * transaction that stores {@link FamilyErased}: both happen, or neither.
 */
@Component
public class KeyShreddingFamilyErasure implements FamilyErasure {

    private final JdbcClient jdbc;
    private final SubjectKeys keys;
    private final CredentialStore credentials;

    public KeyShreddingFamilyErasure(JdbcClient jdbc, SubjectKeys keys, CredentialStore credentials) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.credentials = credentials;
    }

    @Override
    public Result erase(String familyId, String settingId, Collection<String> carerIds) {
        List<Child> children = jdbc.sql("""
                        SELECT c.child_id, c.date_of_birth,
                               EXISTS (SELECT 1 FROM lookup_concern k WHERE k.child_id = c.child_id) AS has_record
                        FROM lookup_child c WHERE c.family_id = ? ORDER BY c.child_id""")
                .param(familyId)
                .query((row, n) -> new Child(row.getString("child_id"), row.getObject("date_of_birth", LocalDate.class),
                        row.getBoolean("has_record")))
                .list();
        int untilAge = safeguardingUntilAge(settingId);
        List<String> erased = new ArrayList<>();
        List<FamilyErased.Retained> retained = new ArrayList<>();
        keys.erase(Subject.FAMILY.keyName(familyId));
        erased.add(familyId);
        for (String carerId : new LinkedHashSet<>(carerIds)) {
            keys.erase(Subject.CARER.keyName(carerId));
            erased.add(carerId);
        }
        for (Child child : children) {
            if (child.hasRecord()) {
                retained.add(new FamilyErased.Retained(child.id(), child.dateOfBirth().plusYears(untilAge),
                        SAFEGUARDING_RULE));
            } else {
                keys.erase(Subject.CHILD.keyName(child.id()));
                erased.add(child.id());
            }
        }
        credentials.remove(Set.copyOf(carerIds));
        return new Result(List.copyOf(erased), children.stream().map(Child::id).toList(), List.copyOf(retained));
    }

    private int safeguardingUntilAge(String settingId) {
        return jdbc.sql("SELECT safeguarding_until_age FROM lookup_retention WHERE setting_id = ?")
                .param(settingId)
                .query(Integer.class)
                .optional()
                .orElse(DEFAULT_SAFEGUARDING_UNTIL_AGE);
    }

    private record Child(String id, LocalDate dateOfBirth, boolean hasRecord) {
    }
}
