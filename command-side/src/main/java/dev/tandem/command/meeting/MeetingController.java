package dev.tandem.command.meeting;

import dev.tandem.api.common.RefusedException;
import dev.tandem.api.meeting.BookMeeting;
import dev.tandem.api.meeting.CancelMeeting;
import dev.tandem.api.meeting.RescheduleMeeting;
import dev.tandem.command.web.Commands;
import dev.tandem.command.web.Created;
import dev.tandem.command.web.Ids;
import dev.tandem.support.security.PlatformPrincipal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import dev.tandem.support.validation.Rfc3339Instant;
import dev.tandem.support.validation.Values;
import java.util.Map;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** A meeting is an update: its id is the update id, so replies and withdrawal go to /api/updates/{id}. */
@RestController
class MeetingController {

    private final Commands commands;

    MeetingController(Commands commands) {
        this.commands = commands;
    }

    @PostMapping("/api/children/{childId}/meetings")
    @PreAuthorize("hasAnyRole('KEY_PERSON', 'MANAGER')")
    Mono<ResponseEntity<Map<String, Object>>> book(@PathVariable String childId,
                                                   @Valid @RequestBody NewMeeting request,
                                                   @AuthenticationPrincipal Jwt jwt) {
        String meetingId = Ids.next();
        return commands.send(new BookMeeting(meetingId, childId, Values.instant(request.startsAt()), request.durationMinutes(),
                        request.location().strip(), request.purpose().strip(), PlatformPrincipal.of(jwt).actor()))
                .thenReturn(Created.at("/api/meetings/" + meetingId, meetingId));
    }

    @PostMapping("/api/meetings/{meetingId}/reschedule")
    @PreAuthorize("hasAnyRole('KEY_PERSON', 'MANAGER')")
    Mono<ResponseEntity<Map<String, Object>>> reschedule(@PathVariable String meetingId,
                                                         @Valid @RequestBody NewTime request,
                                                         @AuthenticationPrincipal Jwt jwt) {
        return commands.send(new RescheduleMeeting(meetingId, Values.instant(request.startsAt()), request.durationMinutes(),
                        PlatformPrincipal.of(jwt).actor()))
                .onErrorMap(NoHandlerForCommandException.class, e -> notAMeeting(meetingId))
                .thenReturn(ResponseEntity.ok(Map.of("id", meetingId)));
    }

    @PostMapping("/api/meetings/{meetingId}/cancel")
    @PreAuthorize("hasAnyRole('KEY_PERSON', 'MANAGER')")
    Mono<ResponseEntity<Map<String, Object>>> cancel(@PathVariable String meetingId,
                                                     @Valid @RequestBody Cancellation request,
                                                     @AuthenticationPrincipal Jwt jwt) {
        return commands.send(new CancelMeeting(meetingId, request.reason().strip(), PlatformPrincipal.of(jwt).actor()))
                .onErrorMap(NoHandlerForCommandException.class, e -> notAMeeting(meetingId))
                .thenReturn(ResponseEntity.ok(Map.of("id", meetingId)));
    }

    /** The id is an update of another kind, which has no handler for a meeting's commands. */
    private static RefusedException notAMeeting(String meetingId) {
        return RefusedException.notFound("unknown-meeting", "There is no meeting " + meetingId + ".");
    }

    record NewMeeting(@NotNull @Rfc3339Instant String startsAt,
                      @NotNull @Min(5) @Max(480) Integer durationMinutes,
                      @NotBlank @Size(max = 200) String location,
                      @NotBlank @Size(max = 1000) String purpose) {
    }

    record NewTime(@NotNull @Rfc3339Instant String startsAt, @NotNull @Min(5) @Max(480) Integer durationMinutes) {
    }

    record Cancellation(@NotBlank @Size(max = 500) String reason) {
    }
}
