package dev.tandem.command.sms;

import com.twilio.security.RequestValidator;
import com.twilio.twiml.MessagingResponse;
import dev.tandem.api.common.Channel;
import dev.tandem.api.common.RefusedException;
import dev.tandem.api.family.RecordCarerMessage;
import dev.tandem.api.reply.RecordParentReply;
import dev.tandem.command.lookup.Directory;
import dev.tandem.command.web.Commands;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code POST /webhooks/twilio/sms}: a carer answered by SMS. The Twilio signature is the credential.
 * The reply is threaded to the latest update sent to that carer by SMS in the last 14 days; with none,
 * it becomes a message to the key person of the carer's youngest child.
 */
@RestController
class InboundSmsController {

    private static final Logger log = LoggerFactory.getLogger(InboundSmsController.class);
    private static final Duration THREAD_WINDOW = Duration.ofDays(14);
    /** Twilio answers these itself (opt-out, opt-in, help); they are not replies to an update. */
    private static final Set<String> KEYWORDS = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT",
            "START", "YES", "UNSTOP", "HELP", "INFO");
    private static final String EMPTY_TWIML = new MessagingResponse.Builder().build().toXml();

    private final RequestValidator validator;
    private final String publicUrl;
    private final Directory directory;
    private final Commands commands;
    private final Clock clock;

    InboundSmsController(TwilioWebhookProperties twilio, @Value("${platform.public-url}") String publicUrl,
                         Directory directory, Commands commands, Clock clock) {
        this.validator = new RequestValidator(twilio.authToken());
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.directory = directory;
        this.commands = commands;
        this.clock = clock;
    }

    @PostMapping(path = "/webhooks/twilio/sms", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<ResponseEntity<String>> receive(ServerWebExchange exchange,
                                         @RequestHeader(name = "X-Twilio-Signature", required = false) String signature) {
        return exchange.getFormData().flatMap(form -> {
            Map<String, String> fields = form.toSingleValueMap();
            String url = publicUrl + exchange.getRequest().getPath().value();
            if (signature == null || !validator.validate(url, fields, signature)) {
                log.warn("Refused an inbound SMS webhook whose signature does not match");
                return Mono.just(ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_XML)
                        .body(EMPTY_TWIML));
            }
            return record(form).thenReturn(ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(EMPTY_TWIML));
        });
    }

    private Mono<Void> record(MultiValueMap<String, String> form) {
        String from = form.getFirst("From");
        String body = Optional.ofNullable(form.getFirst("Body")).map(String::strip).orElse("");
        String messageSid = form.getFirst("MessageSid");
        if (from == null || messageSid == null || body.isEmpty()
                || KEYWORDS.contains(body.toUpperCase(Locale.ROOT))) {
            return Mono.empty();
        }
        // Twilio retries a webhook it thinks failed: the same MessageSid always makes the same reply id.
        String replyId = UUID.nameUUIDFromBytes(("twilio:" + messageSid).getBytes(StandardCharsets.UTF_8)).toString();
        String text = body.length() > 1600 ? body.substring(0, 1600) : body;
        return Mono.fromCallable(() -> directory.carerByPhone(from).map(carer ->
                        directory.latestUpdateSentBySms(carer.carerId(), clock.instant(), THREAD_WINDOW)
                                .<Object>map(updateId -> new RecordParentReply(updateId, replyId, carer.carerId(), text, Channel.SMS))
                                .orElseGet(() -> new RecordCarerMessage(carer.familyId(), replyId, carer.carerId(), text,
                                        Channel.SMS))))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(Mono::justOrEmpty)
                .switchIfEmpty(Mono.fromRunnable(() -> log.info("An inbound SMS came from a number no carer has")))
                .flatMap(commands::send)
                // Twilio retries what it thinks failed; a reply the rules refuse would be refused again.
                .onErrorResume(RefusedException.class, refused -> {
                    log.info("An inbound SMS was not recorded: {}", refused.code());
                    return Mono.empty();
                })
                .then();
    }
}
