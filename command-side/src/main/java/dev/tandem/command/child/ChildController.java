package dev.tandem.command.child;

import dev.tandem.api.child.RegisterChild;
import dev.tandem.api.child.SetCarerRestriction;
import dev.tandem.command.web.Commands;
import dev.tandem.command.web.Created;
import dev.tandem.command.web.Ids;
import dev.tandem.support.security.PlatformPrincipal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import dev.tandem.support.validation.Uuid;
import dev.tandem.support.validation.IsoDate;
import dev.tandem.support.validation.Values;
import jakarta.validation.constraints.Size;
import java.util.Map;
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

@RestController
class ChildController {

    private final Commands commands;

    ChildController(Commands commands) {
        this.commands = commands;
    }

    @PostMapping("/api/settings/{settingId}/children")
    @PreAuthorize("hasRole('MANAGER')")
    Mono<ResponseEntity<Map<String, Object>>> register(@PathVariable String settingId,
                                                       @Valid @RequestBody NewChild request,
                                                       @AuthenticationPrincipal Jwt jwt) {
        String childId = Ids.next();
        return commands.send(new RegisterChild(childId, settingId, request.familyId(), request.roomId(),
                        request.keyPersonId(), request.name().strip(), Values.date(request.dateOfBirth()),
                        PlatformPrincipal.of(jwt).actor()))
                .thenReturn(Created.at("/api/children/" + childId, childId));
    }

    /**
     * Bars a carer from the child, or lifts the bar. Managers and DSLs of the child's setting only; the
     * carer must be one of the child's family (404 {@code unknown-carer} otherwise). Stating what already
     * holds answers 204 and records nothing.
     */
    @PutMapping("/api/children/{childId}/carers/{carerId}/restriction")
    @PreAuthorize("hasAnyRole('MANAGER', 'DSL')")
    Mono<ResponseEntity<Void>> restrict(@PathVariable String childId, @PathVariable String carerId,
                                        @Valid @RequestBody Restriction request,
                                        @AuthenticationPrincipal Jwt jwt) {
        return commands.send(new SetCarerRestriction(childId, carerId, request.restricted(), request.reason().strip(),
                        PlatformPrincipal.of(jwt).actor()))
                .thenReturn(ResponseEntity.noContent().build());
    }

    record Restriction(@NotNull Boolean restricted, @NotBlank @Size(max = 500) String reason) {
        @Override
        public String toString() {
            return "Restriction[" + restricted + "]";
        }
    }

    record NewChild(@NotBlank @Size(max = 120) String name,
                    @NotNull @IsoDate(past = true) String dateOfBirth,
                    @NotBlank @Uuid String familyId,
                    @NotBlank @Uuid String roomId,
                    @NotBlank @Uuid String keyPersonId) {
    }
}
