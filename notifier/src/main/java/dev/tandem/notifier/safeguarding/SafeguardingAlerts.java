package dev.tandem.notifier.safeguarding;

import dev.tandem.api.concern.ConcernActionRecorded;
import dev.tandem.api.concern.ConcernRecorded;
import dev.tandem.api.concern.SafeguardingAlertReason;
import dev.tandem.notifier.NotifierProcessing;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * A recorded concern alerts the setting's designated safeguarding leads at once, and starts the wait
 * for an action after which {@link OverdueReminders} reminds them; any action ends the wait. Only the
 * concern's ids are read: its text, category and family never leave the event. Carers are never told.
 */
@Component
@ProcessingGroup(NotifierProcessing.GROUP)
public class SafeguardingAlerts {

    private final LeadAlerter alerter;
    private final OverdueConcerns overdue;

    SafeguardingAlerts(LeadAlerter alerter, OverdueConcerns overdue) {
        this.alerter = alerter;
        this.overdue = overdue;
    }

    /** Not on replay: rebuilding the recipients must never alert anyone about a concern again. */
    @EventHandler
    @DisallowReplay
    public void on(ConcernRecorded event) {
        Concern concern = new Concern(event.concernId(), event.childId(), event.settingId());
        overdue.await(concern, event.recordedAt());
        alerter.alertLeads(concern, SafeguardingAlertReason.NEW_CONCERN);
    }

    /** Kept on replay too: an action can only ever stop a reminder. */
    @EventHandler
    public void on(ConcernActionRecorded event) {
        overdue.acted(event.concernId(), event.recordedAt());
    }
}
