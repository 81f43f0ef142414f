package dev.tandem.command.observation;

import dev.tandem.api.common.EyfsArea;
import dev.tandem.api.observation.ShareObservation;
import dev.tandem.command.web.Commands;
import dev.tandem.command.web.Created;
import dev.tandem.command.web.Ids;
import dev.tandem.support.security.PlatformPrincipal;
import dev.tandem.support.validation.OneOf;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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
class ObservationController {

    private final Commands commands;

    ObservationController(Commands commands) {
        this.commands = commands;
    }

    @PostMapping("/api/children/{childId}/observations")
    @PreAuthorize("hasAnyRole('KEY_PERSON', 'MANAGER')")
    Mono<ResponseEntity<Map<String, Object>>> share(@PathVariable String childId,
                                                    @Valid @RequestBody NewObservation request,
                                                    @AuthenticationPrincipal Jwt jwt) {
        String updateId = Ids.next();
        return commands.send(new ShareObservation(updateId, childId, request.text().strip(),
                        request.areas().stream().map(EyfsArea::valueOf).collect(Collectors.toSet()),
                        request.nextSteps() == null ? null : request.nextSteps().strip(),
                        PlatformPrincipal.of(jwt).actor()))
                .thenReturn(Created.at("/api/updates/" + updateId, updateId));
    }

    record NewObservation(@NotBlank @Size(max = 4000) String text,
                          @NotEmpty Set<@NotNull @OneOf(EyfsArea.class) String> areas,
                          @Size(max = 2000) String nextSteps) {
    }
}
