package dev.tandem.notifier.sms;

import com.twilio.security.RequestValidator;
import dev.tandem.api.delivery.NotificationStatusReported;
import dev.tandem.api.delivery.ProviderStatus;
import dev.tandem.notifier.dispatch.DeliveryLog;
import dev.tandem.notifier.dispatch.DeliveryStatus;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import dev.tandem.support.web.SignedWebhookForm;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code POST /webhooks/twilio/status}: Twilio reports how an SMS it accepted fared. The signature is
 * the credential. Statuses only move forward: a late {@code sent} never overwrites {@code delivered}.
 * The move and the event recording it are written in one transaction; a message reported undelivered
 * moves on to the carer's next channel (docs/decisions/0012).
 */
@RestController
class TwilioStatusController {

    private static final Logger log = LoggerFactory.getLogger(TwilioStatusController.class);
    private static final Map<String, DeliveryStatus> STATUSES = Map.of(
            "accepted", DeliveryStatus.SENT, "queued", DeliveryStatus.SENT, "sending", DeliveryStatus.SENT,
            "sent", DeliveryStatus.SENT, "delivered", DeliveryStatus.DELIVERED, "read", DeliveryStatus.DELIVERED,
            "failed", DeliveryStatus.FAILED, "undelivered", DeliveryStatus.FAILED);

    private final SignedWebhookForm webhook;
    private final DeliveryLog deliveries;
    private final EventGateway events;
    private final TransactionTemplate transaction;
    private final Clock clock;

    TwilioStatusController(TwilioProperties twilio, @Value("${platform.public-url}") String publicUrl,
                           DeliveryLog deliveries, EventGateway events, PlatformTransactionManager transactions,
                           Clock clock) {
        Optional<RequestValidator> validator = twilio.configured()
                ? Optional.of(new RequestValidator(twilio.authToken())) : Optional.empty();
        this.webhook = new SignedWebhookForm(publicUrl, (url, fields, signature) ->
                validator.filter(twilioSigned -> twilioSigned.validate(url, fields, signature)).isPresent());
        this.deliveries = deliveries;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    @PostMapping(path = "/webhooks/twilio/status", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<ResponseEntity<Void>> report(ServerWebExchange exchange,
                                      @RequestHeader(name = "X-Twilio-Signature", required = false) String signature) {
        return webhook.read(exchange, signature).flatMap(form -> {
            if (form.isEmpty()) {
                log.warn("Refused a Twilio status callback whose signature does not match");
                return Mono.just(ResponseEntity.status(HttpStatus.FORBIDDEN).<Void>build());
            }
            Map<String, String> fields = form.get();
            String sid = fields.get("MessageSid");
            DeliveryStatus status = STATUSES.get(String.valueOf(fields.get("MessageStatus")).toLowerCase(Locale.ROOT));
            if (sid == null || status == null) {
                return Mono.just(ResponseEntity.noContent().<Void>build());
            }
            return Mono.fromRunnable(() -> record(sid, status, fields.get("ErrorCode")))
                    .subscribeOn(Schedulers.boundedElastic())
                    .thenReturn(ResponseEntity.noContent().<Void>build());
        });
    }

    /**
     * A message reported {@code undelivered} or {@code failed} was not received: the carer's next channel
     * is tried, once (the report moves the attempt only once), by a scheduled execution rather than here,
     * so Twilio's callback is answered at once.
     */
    private void record(String sid, DeliveryStatus status, String errorCode) {
        String detail = errorCode == null ? null : "error " + errorCode;
        transaction.executeWithoutResult(tx -> deliveries.advance(sid, status, status == DeliveryStatus.FAILED
                        ? "reported " + (detail == null ? "undelivered" : "undelivered (" + detail + ")") : detail)
                .ifPresent(attempt -> {
                    events.publish(new NotificationStatusReported(attempt.notificationId(), attempt.updateId(),
                            attempt.childId(), attempt.familyId(), attempt.carerId(), attempt.channel(),
                            ProviderStatus.valueOf(status.name()), errorCode, clock.instant()));
                    if (status == DeliveryStatus.FAILED) {
                        deliveries.scheduleFollowUp(attempt.notificationId());
                    }
                }));
    }
}
