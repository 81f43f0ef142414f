package dev.tandem.command.announcement;

import dev.tandem.api.announcement.BroadcastAnnouncement;
import dev.tandem.command.web.Commands;
import dev.tandem.command.web.Created;
import dev.tandem.command.web.Ids;
import dev.tandem.support.security.PlatformPrincipal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import dev.tandem.support.validation.IsoDate;
import dev.tandem.support.validation.Values;
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

/** To one room's families or to the whole setting's; who may announce where is the aggregate's rule. */
@RestController
class AnnouncementController {

    private final Commands commands;

    AnnouncementController(Commands commands) {
        this.commands = commands;
    }

    @PostMapping("/api/rooms/{roomId}/announcements")
    @PreAuthorize("hasAnyRole('KEY_PERSON', 'MANAGER')")
    Mono<ResponseEntity<Map<String, Object>>> toRoom(@PathVariable String roomId,
                                                     @Valid @RequestBody NewAnnouncement request,
                                                     @AuthenticationPrincipal Jwt jwt) {
        return broadcast(null, roomId, request, jwt);
    }

    @PostMapping("/api/settings/{settingId}/announcements")
    @PreAuthorize("hasRole('MANAGER')")
    Mono<ResponseEntity<Map<String, Object>>> toSetting(@PathVariable String settingId,
                                                        @Valid @RequestBody NewAnnouncement request,
                                                        @AuthenticationPrincipal Jwt jwt) {
        return broadcast(settingId, null, request, jwt);
    }

    private Mono<ResponseEntity<Map<String, Object>>> broadcast(String settingId, String roomId,
                                                                NewAnnouncement request, Jwt jwt) {
        String updateId = Ids.next();
        return commands.send(new BroadcastAnnouncement(updateId, settingId, roomId, request.title().strip(),
                        request.text().strip(), Values.date(request.eventDate()), Boolean.TRUE.equals(request.urgent()),
                        PlatformPrincipal.of(jwt).actor()))
                .thenReturn(Created.at("/api/updates/" + updateId, updateId));
    }

    record NewAnnouncement(@NotBlank @Size(max = 120) String title,
                           @NotBlank @Size(max = 4000) String text,
                           @IsoDate String eventDate,
                           Boolean urgent) {
    }
}
