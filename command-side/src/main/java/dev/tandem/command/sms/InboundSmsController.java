package dev.tandem.command.sms;

import com.twilio.security.RequestValidator;
import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.messaging.Body;
import com.twilio.twiml.messaging.Message;
import dev.tandem.api.common.Channel;
import dev.tandem.api.common.RefusedException;
import dev.tandem.api.family.OptInToSms;
import dev.tandem.api.family.OptOutOfSms;
import dev.tandem.api.family.RecordCarerMessage;
import dev.tandem.api.reply.RecordParentReply;
import dev.tandem.command.lookup.RuleLookups;
import dev.tandem.command.web.Commands;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import dev.tandem.support.web.SignedWebhookForm;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code POST /webhooks/twilio/sms}: a carer texted. The Twilio signature is the credential.
 * Twilio's keywords are commands: an opt-out word turns SMS off for that carer, an opt-in word turns it
 * back on, HELP is answered in the carer's language. Anything else is a reply, threaded to the latest
 * update sent to that carer by SMS in the last 14 days; with none, it becomes a message to the key
 * person of the carer's youngest child.
 */
@RestController
class InboundSmsController {

    private static final Logger log = LoggerFactory.getLogger(InboundSmsController.class);
    private static final Duration THREAD_WINDOW = Duration.ofDays(14);
    private static final String EMPTY_TWIML = new MessagingResponse.Builder().build().toXml();

    private final SignedWebhookForm webhook;
    private final RuleLookups lookups;
    private final Commands commands;
    private final Clock clock;
    private final SmsAnswers answers = new SmsAnswers();

    InboundSmsController(TwilioWebhookProperties twilio, @Value("${platform.public-url}") String publicUrl,
                         RuleLookups lookups, Commands commands, Clock clock) {
        RequestValidator validator = new RequestValidator(twilio.authToken());
        this.webhook = new SignedWebhookForm(publicUrl, validator::validate);
        this.lookups = lookups;
        this.commands = commands;
        this.clock = clock;
    }

    @PostMapping(path = "/webhooks/twilio/sms", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<ResponseEntity<String>> receive(ServerWebExchange exchange,
                                         @RequestHeader(name = "X-Twilio-Signature", required = false) String signature) {
        return webhook.read(exchange, signature).flatMap(form -> form
                .map(fields -> answer(fields).map(twiml -> ResponseEntity.ok().contentType(MediaType.APPLICATION_XML)
                        .body(twiml)))
                .orElseGet(() -> {
                    log.warn("Refused an inbound SMS webhook whose signature does not match");
                    return Mono.just(ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_XML)
                            .body(EMPTY_TWIML));
                }));
    }

    private Mono<String> answer(Map<String, String> form) {
        String from = form.get("From");
        String body = Optional.ofNullable(form.get("Body")).map(String::strip).orElse("");
        Optional<SmsKeyword> keyword = SmsKeyword.of(body);
        if (keyword.isPresent()) {
            return obey(keyword.get(), from);
        }
        return record(from, body, form.get("MessageSid")).thenReturn(EMPTY_TWIML);
    }

    /**
     * An opt-out or opt-in is obeyed, then confirmed, and HELP answered, each in the carer's language; a
     * repeat (Twilio's retry, or STOP twice) finds the carer already out and records nothing.
     */
    private Mono<String> obey(SmsKeyword keyword, String from) {
        Mono<Void> obeyed = switch (keyword) {
            case OPT_OUT -> send(from, carer -> new OptOutOfSms(carer.familyId(), carer.carerId()));
            case OPT_IN -> send(from, carer -> new OptInToSms(carer.familyId(), carer.carerId()));
            case HELP -> Mono.empty();
        };
        SmsAnswers.Answer answer = switch (keyword) {
            case OPT_OUT -> SmsAnswers.Answer.STOPPED;
            case OPT_IN -> SmsAnswers.Answer.STARTED;
            case HELP -> SmsAnswers.Answer.HELP;
        };
        return obeyed.then(Mono.fromCallable(() -> answerIn(answer, from)).subscribeOn(Schedulers.boundedElastic()))
                .map(InboundSmsController::twiml);
    }

    /** The answer in the language of the carer with this number, or of their setting. */
    private String answerIn(SmsAnswers.Answer answer, String from) {
        Optional<RuleLookups.CarerEntry> carer = Optional.ofNullable(from).flatMap(lookups::carerByPhone);
        return answers.in(answer, carer.flatMap(found -> lookups.preferredLanguageOf(found.carerId())),
                carer.flatMap(found -> lookups.defaultLanguageOf(found.settingId())));
    }

    private Mono<Void> record(String from, String body, String messageSid) {
        if (from == null || messageSid == null || body.isEmpty()) {
            return Mono.empty();
        }
        // Twilio retries a webhook it thinks failed: the same MessageSid always makes the same reply id.
        String replyId = UUID.nameUUIDFromBytes(("twilio:" + messageSid).getBytes(StandardCharsets.UTF_8)).toString();
        String text = body.length() > 1600 ? body.substring(0, 1600) : body;
        return send(from, carer -> lookups.latestUpdateSentBySms(carer.carerId(), clock.instant(), THREAD_WINDOW)
                .<Object>map(updateId -> new RecordParentReply(updateId, replyId, carer.carerId(), text, Channel.SMS))
                .orElseGet(() -> new RecordCarerMessage(carer.familyId(), replyId, carer.carerId(), text, Channel.SMS)));
    }

    /** Sends the command made for the carer who has this number; the lookups are JDBC, so off the event loop. */
    private Mono<Void> send(String from, Function<RuleLookups.CarerEntry, Object> command) {
        if (from == null) {
            return Mono.empty();
        }
        return Mono.fromCallable(() -> lookups.carerByPhone(from).map(command))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(Mono::justOrEmpty)
                .switchIfEmpty(Mono.fromRunnable(() -> log.info("An inbound SMS came from a number no carer has")))
                .flatMap(commands::send)
                // Twilio retries what it thinks failed; a command the rules refuse would be refused again.
                .onErrorResume(RefusedException.class, refused -> {
                    log.info("An inbound SMS was not recorded: {}", refused.code());
                    return Mono.empty();
                })
                .then();
    }

    private static String twiml(String text) {
        return new MessagingResponse.Builder()
                .message(new Message.Builder().body(new Body.Builder(text).build()).build())
                .build().toXml();
    }
}
