package dev.tandem.command.concern;

import dev.tandem.api.common.RefusedException;
import dev.tandem.api.concern.ConcernAction;
import dev.tandem.api.concern.ConcernCategory;
import dev.tandem.api.concern.RecordConcern;
import dev.tandem.api.concern.RecordConcernAction;
import dev.tandem.command.lookup.RuleLookups;
import dev.tandem.command.web.Commands;
import dev.tandem.command.web.Created;
import dev.tandem.command.web.Ids;
import dev.tandem.support.security.PlatformPrincipal;
import dev.tandem.support.validation.OneOf;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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

/**
 * {@code POST /api/children/{childId}/concerns}: any staff member of the child's setting records a
 * safeguarding concern. The concern is handled by the child (it is part of the child's own record):
 * it is never notified, never in a family's timeline, and seen only by DSLs and in the safeguarding
 * history. Carers and the operator are refused here and again by the child's rules.
 * <p>
 * {@code POST /api/concerns/{concernId}/actions}: a DSL of the child's setting records what they did
 * about it; the concern's child checks the rules (only {@code REOPENED} after {@code CLOSED}).
 */
@RestController
class ConcernController {

    private final Commands commands;
    private final RuleLookups lookups;

    ConcernController(Commands commands, RuleLookups lookups) {
        this.commands = commands;
        this.lookups = lookups;
    }

    @PostMapping("/api/children/{childId}/concerns")
    @PreAuthorize("hasAnyRole('KEY_PERSON', 'MANAGER', 'DSL')")
    Mono<ResponseEntity<Map<String, Object>>> record(@PathVariable String childId,
                                                     @Valid @RequestBody NewConcern request,
                                                     @AuthenticationPrincipal Jwt jwt) {
        String concernId = Ids.next();
        return commands.send(new RecordConcern(childId, concernId, ConcernCategory.valueOf(request.category()),
                        request.text().strip(), PlatformPrincipal.of(jwt).actor()))
                .thenReturn(Created.at("/api/concerns/" + concernId, concernId));
    }

    @PostMapping("/api/concerns/{concernId}/actions")
    @PreAuthorize("hasRole('DSL')")
    Mono<ResponseEntity<Map<String, Object>>> act(@PathVariable String concernId,
                                                  @Valid @RequestBody NewConcernAction request,
                                                  @AuthenticationPrincipal Jwt jwt) {
        String actionId = Ids.next();
        String note = request.note() == null || request.note().isBlank() ? null : request.note().strip();
        return commands.send(() -> new RecordConcernAction(childOf(concernId), concernId, actionId,
                        ConcernAction.valueOf(request.action()), note, PlatformPrincipal.of(jwt).actor()))
                .thenReturn(Created.at("/api/concerns/" + concernId + "/actions/" + actionId, actionId));
    }

    private String childOf(String concernId) {
        return lookups.childOfConcern(concernId).orElseThrow(() ->
                RefusedException.notFound("unknown-concern", "There is no concern " + concernId + "."));
    }

    record NewConcernAction(@NotNull @OneOf(ConcernAction.class) String action, @Size(max = 4000) String note) {
        @Override
        public String toString() {
            return "NewConcernAction[" + action + "]";
        }
    }

    record NewConcern(@NotBlank @Size(max = 4000) String text,
                      @NotNull @OneOf(ConcernCategory.class) String category) {
        @Override
        public String toString() {
            return "NewConcern[" + category + "]";
        }
    }
}
