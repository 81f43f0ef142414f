package dev.tandem.notifier.safeguarding;

import dev.tandem.api.common.Channel;
import dev.tandem.api.concern.SafeguardingAlertReason;
import dev.tandem.api.concern.SafeguardingLeadAlertFailed;
import dev.tandem.api.concern.SafeguardingLeadAlerted;
import dev.tandem.notifier.dispatch.DeliveryStatus;
import dev.tandem.notifier.dispatch.SendResult;
import dev.tandem.notifier.email.EmailSender;
import dev.tandem.notifier.recipients.RecipientSetting;
import dev.tandem.notifier.recipients.RecipientStaff;
import dev.tandem.notifier.recipients.Recipients;
import dev.tandem.notifier.template.RenderedMessage;
import dev.tandem.notifier.template.Templates;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Emails every designated safeguarding lead (role DSL) of a concern's setting, at their sign-in
 * address, that a concern awaits them, naming only the setting and linking to the platform. Each lead
 * is alerted at most once per concern and reason, and each outcome is published once
 * ({@link SafeguardingLeadAlerted}, {@link SafeguardingLeadAlertFailed}). It reads staff only: nothing
 * about a concern can reach a carer from here. Logs carry ids only.
 */
@Component
class LeadAlerter {

    static final String PLATFORM_PAGE = "/#safeguarding";
    static final String UNKNOWN_SETTING = "your setting";

    private static final Logger log = LoggerFactory.getLogger(LeadAlerter.class);

    private final Recipients recipients;
    private final LeadAlertLog alerts;
    private final EmailSender email;
    private final Templates templates;
    private final EventGateway events;
    private final String link;

    LeadAlerter(Recipients recipients, LeadAlertLog alerts, EmailSender email, Templates templates, EventGateway events,
                @Value("${platform.public-url:http://localhost:8080}") String publicUrl) {
        this.recipients = recipients;
        this.alerts = alerts;
        this.email = email;
        this.templates = templates;
        this.events = events;
        this.link = publicUrl.replaceAll("/+$", "") + PLATFORM_PAGE;
    }

    /** Runs in the caller's transaction (the processor's or the poller's), which the outcome events join. */
    void alertLeads(Concern concern, SafeguardingAlertReason reason) {
        List<RecipientStaff> leads = recipients.safeguardingLeadsOf(concern.settingId());
        if (leads.isEmpty()) {
            log.warn("Concern {} ({}): setting {} has no designated safeguarding lead to alert", concern.id(), reason,
                    concern.settingId());
            return;
        }
        String nursery = recipients.setting(concern.settingId()).map(RecipientSetting::name).orElse(UNKNOWN_SETTING);
        RenderedMessage message = templates.safeguardingAlert(reason, nursery, link);
        for (RecipientStaff lead : leads) {
            record(alert(concern, reason, lead, message));
        }
    }

    private LeadAlert alert(Concern concern, SafeguardingAlertReason reason, RecipientStaff lead,
                            RenderedMessage message) {
        LeadAlertLog.Opened opened = alerts.open(concern, reason, lead.id(), Channel.EMAIL);
        LeadAlert alert = opened.alert();
        if (!opened.fresh()) {
            if (alert.status() != DeliveryStatus.PENDING) {
                return alert;
            }
            // an earlier run stopped between opening the alert and hearing from the mail server: the email
            // may or may not have gone, and a lead must never be emailed twice about the same thing
            log.warn("Alert ({}) about concern {} to staff member {} was interrupted earlier; not sending it again",
                    reason, concern.id(), lead.id());
            return alerts.settle(alert, DeliveryStatus.FAILED, null, "interrupted before the mail server answered");
        }
        Optional<String> unusable = email.unusableFor(lead.email());
        if (unusable.isPresent()) {
            log.warn("Cannot alert staff member {} about concern {}: {}", lead.id(), concern.id(), unusable.get());
            return alerts.settle(alert, DeliveryStatus.FAILED, null, unusable.get());
        }
        SendResult result;
        try {
            result = email.sendTo(lead.email(), message);
        } catch (RuntimeException e) {
            // a bug or an unexpected client failure must not leave the alert pending forever
            log.error("Alerting staff member {} about concern {} failed unexpectedly", lead.id(), concern.id(), e);
            result = SendResult.refused("unexpected error: " + e.getClass().getSimpleName());
        }
        if (result.accepted()) {
            log.info("Alerted staff member {} ({}) about concern {} ({})", lead.id(), reason, concern.id(),
                    result.providerId());
            return alerts.settle(alert, DeliveryStatus.SENT, result.providerId(), null);
        }
        log.warn("Mail server refused the alert ({}) about concern {} to staff member {}: {}", reason, concern.id(),
                lead.id(), result.reason());
        return alerts.settle(alert, DeliveryStatus.FAILED, null, result.reason());
    }

    /** Publishes the alert's outcome unless it has been published already (a redelivery). */
    private void record(LeadAlert alert) {
        if (!alerts.claimRecording(alert)) {
            return;
        }
        Object event = switch (alert.status()) {
            case SENT -> new SafeguardingLeadAlerted(alert.concernId(), alert.childId(), alert.settingId(),
                    alert.staffId(), alert.reason(), alert.channel(), alert.providerId(), alert.updatedAt());
            case FAILED -> new SafeguardingLeadAlertFailed(alert.concernId(), alert.childId(), alert.settingId(),
                    alert.staffId(), alert.reason(), alert.channel(), alert.detail(), alert.updatedAt());
            case PENDING, DELIVERED, SKIPPED -> throw new IllegalStateException(
                    "an alert is settled as SENT or FAILED, not " + alert.status());
        };
        events.publish(event);
    }
}
