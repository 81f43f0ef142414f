package dev.tandem.notifier.privacy;

import dev.tandem.api.family.FamilyErased;
import dev.tandem.notifier.NotifierProcessing;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Forgets an erased family in the notifier's tables (decision 0014): its carers, their contact details and
 * devices go, so nothing more is sent to them; every message still kept for them (waiting for quiet hours,
 * a retry or the next channel) goes; its deliveries keep their status but show their address and detail
 * as erased; its children's names go. In the notifier's ordered group, so nothing about the family is
 * sent after it. A replay after the erasure reads the family's events as erased and ends the same.
 */
@Component
@ProcessingGroup(NotifierProcessing.GROUP)
class FamilyErasureProjection {

    static final String ERASED = "[erased]";

    private final JdbcClient jdbc;

    FamilyErasureProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(FamilyErased event) {
        String familyId = event.familyId();
        jdbc.sql("DELETE FROM notifier_device WHERE family_id = ?").param(familyId).update();
        jdbc.sql("DELETE FROM notifier_carer WHERE family_id = ?").param(familyId).update();
        jdbc.sql("DELETE FROM notifier_deferred WHERE family_id = ?").param(familyId).update();
        jdbc.sql("DELETE FROM notifier_message WHERE family_id = ?").param(familyId).update();
        jdbc.sql("DELETE FROM notifier_translation WHERE family_id = ?").param(familyId).update();
        jdbc.sql("""
                        UPDATE notifier_delivery SET address = CASE WHEN address IS NULL THEN NULL ELSE :erased END,
                                                     detail = CASE WHEN detail IS NULL THEN NULL ELSE :erased END
                        WHERE family_id = :family""")
                .param("erased", ERASED)
                .param("family", familyId)
                .update();
        jdbc.sql("UPDATE notifier_child SET name = :erased WHERE family_id = :family")
                .param("erased", ERASED)
                .param("family", familyId)
                .update();
    }
}
