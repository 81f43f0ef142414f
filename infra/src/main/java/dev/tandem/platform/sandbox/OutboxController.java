package dev.tandem.platform.sandbox;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code GET /sandbox/outbox?to=&channel=}: what the provider stand-ins received, oldest first, so a
 * person (or a test) can see what each carer was sent. Embedded default only; no sign-in, since it
 * shows nothing that left the machine.
 */
@RestController
@Profile(SandboxEnvironmentPostProcessor.PROFILE)
public class OutboxController {

    private static final Set<String> CHANNELS = Set.of(OutboxMessage.SMS, OutboxMessage.PUSH, OutboxMessage.EMAIL);

    private final Outbox outbox;

    public OutboxController(Outbox outbox) {
        this.outbox = outbox;
    }

    public record Messages(List<OutboxMessage> messages) {
    }

    @GetMapping("/sandbox/outbox")
    public Mono<Messages> outbox(@RequestParam(required = false) String to,
                                 @RequestParam(required = false) String channel) {
        String wanted = channel == null || channel.isBlank() ? null : channel.strip().toUpperCase(Locale.ROOT);
        if (wanted != null && !CHANNELS.contains(wanted)) {
            return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST, "channel must be SMS, PUSH or EMAIL"));
        }
        String recipient = to == null || to.isBlank() ? null : to.strip();
        // reading the stand-ins' journals and the notifier's table blocks
        return Mono.fromCallable(() -> new Messages(outbox.messages(recipient, wanted)))
                .subscribeOn(Schedulers.boundedElastic());
    }
}
