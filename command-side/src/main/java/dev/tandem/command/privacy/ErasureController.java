package dev.tandem.command.privacy;

import dev.tandem.api.family.EraseFamily;
import dev.tandem.command.web.Commands;
import dev.tandem.support.security.PlatformPrincipal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
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

/** A family's erasure at its request (UK GDPR Article 17), by a manager of its setting. */
@RestController
class ErasureController {

    private final Commands commands;

    ErasureController(Commands commands) {
        this.commands = commands;
    }

    @PostMapping("/api/families/{familyId}/erasure")
    @PreAuthorize("hasRole('MANAGER')")
    Mono<ResponseEntity<Map<String, Object>>> erase(@PathVariable String familyId, @Valid @RequestBody Erasure request,
                                                    @AuthenticationPrincipal Jwt jwt) {
        return commands.<FamilyErasure.Result>send(new EraseFamily(familyId, request.reason().strip(),
                        PlatformPrincipal.of(jwt).actor()))
                .map(result -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("erased", result.erased());
                    body.put("retained", result.retained());
                    return ResponseEntity.ok(body);
                });
    }

    record Erasure(@NotBlank @Size(max = 500) String reason) {
    }
}
