package dev.tandem.platform.sandbox;

import dev.tandem.platform.sandbox.SandboxFaults.Kind;
import dev.tandem.support.web.FieldProblem;
import dev.tandem.support.web.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.context.annotation.Profile;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /sandbox/faults {channel, kind, count}}: the stand-in of that channel answers its next
 * {@code count} requests with the fault, as the provider would when down ({@code UNAVAILABLE}: HTTP 503,
 * SMTP 421), refusing ({@code REJECTED}: Twilio 400 code 21211, FCM 404 UNREGISTERED, SMTP 550) or hung
 * ({@code NO_ANSWER}: takes the message, records it, and does not answer within the client's timeout);
 * {@code UNDELIVERED} (SMS) takes it and reports it undelivered. {@code DELETE /sandbox/faults} clears
 * them. Embedded default only; no sign-in, like the outbox.
 */
@RestController
@Profile(SandboxEnvironmentPostProcessor.PROFILE)
public class FaultController {

    static final int MAX_COUNT = 1000;
    private static final Set<String> CHANNELS = Set.of(OutboxMessage.SMS, OutboxMessage.PUSH, OutboxMessage.EMAIL);

    private final SandboxFaults faults;

    public FaultController(SandboxFaults faults) {
        this.faults = faults;
    }

    public record Fault(String channel, String kind, Integer count) {
    }

    @PostMapping("/sandbox/faults")
    public Mono<ResponseEntity<Void>> add(@RequestBody Fault fault) {
        List<FieldProblem> problems = new ArrayList<>();
        String channel = fault.channel() == null ? null : fault.channel().strip().toUpperCase(Locale.ROOT);
        if (channel == null || !CHANNELS.contains(channel)) {
            problems.add(new FieldProblem("channel", "must be SMS, PUSH or EMAIL"));
        }
        Kind kind = kind(fault.kind());
        if (kind == null) {
            problems.add(new FieldProblem("kind", "must be UNAVAILABLE, REJECTED, NO_ANSWER or UNDELIVERED"));
        } else if (kind == Kind.UNDELIVERED && !OutboxMessage.SMS.equals(channel)) {
            problems.add(new FieldProblem("kind", "UNDELIVERED is reported for SMS only"));
        }
        if (fault.count() == null || fault.count() < 1 || fault.count() > MAX_COUNT) {
            problems.add(new FieldProblem("count", "must be between 1 and " + MAX_COUNT));
        }
        if (!problems.isEmpty()) {
            return Mono.error(new InvalidRequestException(problems));
        }
        faults.add(channel, kind, fault.count());
        return Mono.just(ResponseEntity.noContent().build());
    }

    @DeleteMapping("/sandbox/faults")
    public Mono<ResponseEntity<Void>> clear() {
        faults.clear();
        return Mono.just(ResponseEntity.noContent().build());
    }

    private static Kind kind(String name) {
        if (name == null) {
            return null;
        }
        try {
            return Kind.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
