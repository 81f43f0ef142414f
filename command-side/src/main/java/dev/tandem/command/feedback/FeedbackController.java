package dev.tandem.command.feedback;

import dev.tandem.api.feedback.GiveFeedback;
import dev.tandem.command.web.Commands;
import dev.tandem.command.web.Created;
import dev.tandem.command.web.Ids;
import dev.tandem.support.security.PlatformPrincipal;
import dev.tandem.support.validation.Uuid;
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

@RestController
class FeedbackController {

    private final Commands commands;

    FeedbackController(Commands commands) {
        this.commands = commands;
    }

    @PostMapping("/api/children/{childId}/feedback")
    @PreAuthorize("hasAnyRole('KEY_PERSON', 'MANAGER')")
    Mono<ResponseEntity<Map<String, Object>>> give(@PathVariable String childId,
                                                   @Valid @RequestBody NewFeedback request,
                                                   @AuthenticationPrincipal Jwt jwt) {
        String updateId = Ids.next();
        return commands.send(new GiveFeedback(updateId, childId, request.text().strip(), request.inReplyTo(),
                        PlatformPrincipal.of(jwt).actor()))
                .thenReturn(Created.at("/api/updates/" + updateId, updateId));
    }

    record NewFeedback(@NotBlank @Size(max = 4000) String text, @Uuid String inReplyTo) {
    }
}
