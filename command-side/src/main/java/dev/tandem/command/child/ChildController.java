package dev.tandem.command.child;

import dev.tandem.api.child.RegisterChild;
import dev.tandem.command.web.Commands;
import dev.tandem.command.web.Created;
import dev.tandem.command.web.Ids;
import dev.tandem.support.security.PlatformPrincipal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
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
                        request.keyPersonId(), request.name().strip(), request.dateOfBirth(),
                        PlatformPrincipal.of(jwt).actor()))
                .thenReturn(Created.at("/api/children/" + childId, childId));
    }

    record NewChild(@NotBlank @Size(max = 120) String name,
                    @NotNull @Past LocalDate dateOfBirth,
                    @NotBlank @Size(max = 64) String familyId,
                    @NotBlank @Size(max = 64) String roomId,
                    @NotBlank @Size(max = 64) String keyPersonId) {
    }
}
