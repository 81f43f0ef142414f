package dev.tandem.command.privacy;

import dev.tandem.api.child.EraseSafeguardingRecord;
import dev.tandem.api.family.ApplyRetention;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Erases what has passed its retention (decision 0014), run daily by {@link RetentionScheduling}: a family
 * whose every child left more than the setting's {@code recordsYearsAfterLeaving} years ago (default 3) is
 * erased as a manager's erasure would erase it ({@code FamilyErased}, the platform's own); a child's
 * safeguarding record ends, once the child has left, when the child reaches the setting's
 * {@code safeguardingUntilAge} (default 25),
 * its key shredded ({@code SafeguardingRecordErased}). Each erasure is a command of its own, so one that
 * fails is tried again at the next sweep and stops none of the others. Logs carry ids only.
 */
@Component
public class RetentionSweep {

    static final int DEFAULT_RECORDS_YEARS_AFTER_LEAVING = 3;

    private static final Logger log = LoggerFactory.getLogger(RetentionSweep.class);

    private final JdbcClient jdbc;
    private final CommandGateway commands;
    private final Clock clock;

    public RetentionSweep(JdbcClient jdbc, CommandGateway commands, Clock clock) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.clock = clock;
    }

    /** Sweeps as of today in UTC; answers how many erasures it made. */
    public int run() {
        return sweep(LocalDate.now(clock));
    }

    int sweep(LocalDate today) {
        int erased = 0;
        for (FamilyDue family : familiesDue(today)) {
            if (send(new ApplyRetention(family.familyId(), family.years()), "family", family.familyId())) {
                erased++;
            }
        }
        for (ChildDue child : safeguardingRecordsDue(today)) {
            if (send(new EraseSafeguardingRecord(child.childId(), child.untilAge()), "safeguarding record", child.childId())) {
                erased++;
            }
        }
        if (erased > 0) {
            log.info("Retention sweep of {} erased {}", today, erased);
        }
        return erased;
    }

    private boolean send(Object command, String what, String id) {
        try {
            commands.sendAndWait(command);
            return true;
        } catch (RuntimeException e) {
            log.warn("Retention sweep could not erase {} {}; it is tried again at the next sweep ({})", what, id,
                    e.getClass().getSimpleName());
            return false;
        }
    }

    private List<FamilyDue> familiesDue(LocalDate today) {
        return jdbc.sql("""
                        SELECT c.family_id, COALESCE(r.records_years_after_leaving, :defaultYears) AS years
                        FROM lookup_child c
                        JOIN lookup_family f ON f.family_id = c.family_id AND NOT f.erased
                        LEFT JOIN lookup_retention r ON r.setting_id = c.setting_id
                        GROUP BY c.family_id, r.records_years_after_leaving
                        HAVING bool_and(c.left_on IS NOT NULL AND c.left_on
                                   + make_interval(years => COALESCE(r.records_years_after_leaving, :defaultYears)) <= :today)""")
                .param("defaultYears", DEFAULT_RECORDS_YEARS_AFTER_LEAVING)
                .param("today", today)
                .query((row, n) -> new FamilyDue(row.getString("family_id"), row.getInt("years")))
                .list();
    }

    private List<ChildDue> safeguardingRecordsDue(LocalDate today) {
        return jdbc.sql("""
                        SELECT DISTINCT c.child_id, COALESCE(r.safeguarding_until_age, :defaultAge) AS until_age
                        FROM lookup_child c
                        JOIN lookup_concern k ON k.child_id = c.child_id
                        LEFT JOIN lookup_retention r ON r.setting_id = c.setting_id
                        WHERE c.left_on IS NOT NULL AND c.date_of_birth + make_interval(years => COALESCE(r.safeguarding_until_age, :defaultAge)) <= :today""")
                .param("defaultAge", FamilyErasure.DEFAULT_SAFEGUARDING_UNTIL_AGE)
                .param("today", today)
                .query((row, n) -> new ChildDue(row.getString("child_id"), row.getInt("until_age")))
                .list();
    }

    private record FamilyDue(String familyId, int years) {
    }

    private record ChildDue(String childId, int untilAge) {
    }
}
