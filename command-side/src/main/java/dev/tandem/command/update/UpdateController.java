package dev.tandem.command.update;

import dev.tandem.api.common.Channel;
import dev.tandem.api.reply.RecordParentReply;
import dev.tandem.api.update.AcknowledgeUpdate;
import dev.tandem.api.update.WithdrawUpdate;
import dev.tandem.command.web.Commands;
import dev.tandem.command.web.Created;
import dev.tandem.command.web.Ids;
import dev.tandem.support.security.PlatformPrincipal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** What applies to every kind of update alike: carers' replies and acknowledgements, and withdrawal. */
@RestController
class UpdateController {

    private final Commands commands;

    UpdateController(Commands commands) {
        this.commands = commands;
    }

    /** The replying carer is the one signed in; a reply by SMS arrives through the Twilio webhook instead. */
    @PostMapping("/api/updates/{updateId}/replies")
    @PreAuthorize("hasRole('CARER')")
    Mono<ResponseEntity<Map<String, Object>>> reply(@PathVariable String updateId,
                                                    @Valid @RequestBody NewReply request,
                                                    @AuthenticationPrincipal Jwt jwt) {
        String replyId = Ids.next();
        return commands.send(new RecordParentReply(updateId, replyId, PlatformPrincipal.of(jwt).subjectId(),
                        request.text().strip(), Channel.APP))
                .thenReturn(Created.at("/api/updates/" + updateId + "/replies/" + replyId, replyId));
    }

    @PostMapping("/api/updates/{updateId}/acknowledgements")
    @PreAuthorize("hasRole('CARER')")
    Mono<ResponseEntity<Void>> acknowledge(@PathVariable String updateId, @AuthenticationPrincipal Jwt jwt) {
        return commands.send(new AcknowledgeUpdate(updateId, PlatformPrincipal.of(jwt).actor()))
                .thenReturn(ResponseEntity.noContent().build());
    }

    @PostMapping("/api/updates/{updateId}/withdrawal")
    @PreAuthorize("hasAnyRole('KEY_PERSON', 'MANAGER')")
    Mono<ResponseEntity<Map<String, Object>>> withdraw(@PathVariable String updateId,
                                                       @Valid @RequestBody Withdrawal request,
                                                       @AuthenticationPrincipal Jwt jwt) {
        return commands.send(new WithdrawUpdate(updateId, request.reason().strip(), PlatformPrincipal.of(jwt).actor()))
                .thenReturn(ResponseEntity.ok(Map.of("id", updateId)));
    }

    record NewReply(@NotBlank @Size(max = 2000) String text) {
    }

    record Withdrawal(@NotBlank @Size(max = 500) String reason) {
    }
}
