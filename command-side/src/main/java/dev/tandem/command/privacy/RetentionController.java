package dev.tandem.command.privacy;

import dev.tandem.api.child.RecordLeaving;
import dev.tandem.api.setting.SetRetention;
import dev.tandem.command.web.Commands;
import dev.tandem.support.security.PlatformPrincipal;
import dev.tandem.support.validation.IsoDate;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** When a child leaves, and how long the setting keeps records after (decision 0014). Managers only. */
@RestController
class RetentionController {

    private final Commands commands;

    RetentionController(Commands commands) {
        this.commands = commands;
    }

    @PostMapping("/api/children/{childId}/leaving")
    @PreAuthorize("hasRole('MANAGER')")
    Mono<ResponseEntity<Void>> leaving(@PathVariable String childId, @Valid @RequestBody Leaving request,
                                       @AuthenticationPrincipal Jwt jwt) {
        return commands.send(new RecordLeaving(childId, LocalDate.parse(request.leftOn()), PlatformPrincipal.of(jwt).actor()))
                .thenReturn(ResponseEntity.noContent().build());
    }

    @PutMapping("/api/settings/{settingId}/retention")
    @PreAuthorize("hasRole('MANAGER')")
    Mono<ResponseEntity<Void>> retention(@PathVariable String settingId, @Valid @RequestBody Retention request,
                                         @AuthenticationPrincipal Jwt jwt) {
        return commands.send(new SetRetention(settingId, request.recordsYearsAfterLeaving(),
                        request.safeguardingUntilAge(), PlatformPrincipal.of(jwt).actor()))
                .thenReturn(ResponseEntity.noContent().build());
    }

    record Leaving(@NotNull @IsoDate String leftOn) {
    }

    /** Up to a century; a safeguarding record is kept at least until the child is 18. */
    record Retention(@NotNull @Min(0) @Max(100) Integer recordsYearsAfterLeaving,
                     @NotNull @Min(18) @Max(100) Integer safeguardingUntilAge) {
    }
}
