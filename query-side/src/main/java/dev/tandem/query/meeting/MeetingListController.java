package dev.tandem.query.meeting;

import dev.tandem.api.common.Role;
import dev.tandem.api.meeting.FetchMeeting;
import dev.tandem.api.meeting.FetchSettingMeetings;
import dev.tandem.api.meeting.SettingMeetings;
import dev.tandem.query.Queries;
import dev.tandem.query.directory.ReadAccess;
import dev.tandem.support.security.PlatformPrincipal;
import dev.tandem.support.web.FieldProblem;
import dev.tandem.support.web.InvalidRequestException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/** A setting's meeting list, and one meeting of it, read by its staff. */
@RestController
class MeetingListController {

    private final Queries queries;
    private final ReadAccess access;

    MeetingListController(Queries queries, ReadAccess access) {
        this.queries = queries;
        this.access = access;
    }

    /** Staff of the setting list its meetings starting in [from, to), soonest first; both bounds are optional. */
    @GetMapping("/api/settings/{settingId}/meetings")
    Mono<SettingMeetings> meetings(@PathVariable String settingId,
                                   @RequestParam(required = false) String from,
                                   @RequestParam(required = false) String to,
                                   @AuthenticationPrincipal Jwt jwt) {
        List<FieldProblem> problems = new ArrayList<>();
        Instant start = parseInstant("from", from, problems);
        Instant end = parseInstant("to", to, problems);
        if (start != null && end != null && !end.isAfter(start)) {
            problems.add(new FieldProblem("to", "must be after from"));
        }
        if (!problems.isEmpty()) {
            return Mono.error(new InvalidRequestException(problems));
        }
        return access.requireStaffOf(PlatformPrincipal.of(jwt), settingId)
                .then(queries.fetch(new FetchSettingMeetings(settingId, start, end), SettingMeetings.class));
    }

    /**
     * Where a booking's {@code Location} points. Staff of the meeting's setting only: carers see it in
     * their family's timeline (403 here). Unknown or withdrawn: 404.
     */
    @GetMapping("/api/meetings/{meetingId}")
    Mono<SettingMeetings.Meeting> meeting(@PathVariable String meetingId, @AuthenticationPrincipal Jwt jwt) {
        PlatformPrincipal principal = PlatformPrincipal.of(jwt);
        if (principal.is(Role.CARER)) {
            return Mono.error(ReadAccess.forbidden("Carers see their meetings in their family's timeline."));
        }
        return access.requireStaffOfUpdate(principal, meetingId)
                .then(queries.fetch(new FetchMeeting(meetingId), SettingMeetings.Meeting.class))
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "There is no meeting " + meetingId + ".")));
    }

    private static Instant parseInstant(String field, String value, List<FieldProblem> problems) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, "must be an RFC 3339 instant, like 2026-11-23T09:30:00Z"));
            return null;
        }
    }
}
