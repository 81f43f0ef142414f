package dev.tandem.command.setting;

import dev.tandem.api.common.EncodedPassword;
import dev.tandem.api.common.Role;
import dev.tandem.api.setting.CreateSetting;
import dev.tandem.api.setting.OpenRoom;
import dev.tandem.api.setting.RegisterStaffMember;
import dev.tandem.api.setting.SetMeetingReminders;
import dev.tandem.command.web.Commands;
import dev.tandem.command.web.Created;
import dev.tandem.command.web.Ids;
import dev.tandem.support.security.PlatformPrincipal;
import dev.tandem.support.validation.IanaTimeZone;
import dev.tandem.support.validation.KnownLanguage;
import dev.tandem.support.validation.OneOf;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
class SettingController {

    private final Commands commands;
    private final PasswordEncoder passwords;

    SettingController(Commands commands, PasswordEncoder passwords) {
        this.commands = commands;
        this.passwords = passwords;
    }

    @PostMapping("/api/settings")
    @PreAuthorize("hasRole('ADMIN')")
    Mono<ResponseEntity<Map<String, Object>>> create(@Valid @RequestBody NewSetting request,
                                                     @AuthenticationPrincipal Jwt jwt) {
        String settingId = Ids.next();
        return commands.send(new CreateSetting(settingId, request.name().strip(), request.timeZone(),
                        request.defaultLanguage(), PlatformPrincipal.of(jwt).actor()))
                .thenReturn(Created.at("/api/settings/" + settingId, settingId));
    }

    @PostMapping("/api/settings/{settingId}/staff")
    @PreAuthorize("hasAnyRole('ADMIN', 'MANAGER')")
    Mono<ResponseEntity<Map<String, Object>>> registerStaff(@PathVariable String settingId,
                                                            @Valid @RequestBody NewStaffMember request,
                                                            @AuthenticationPrincipal Jwt jwt) {
        String staffId = Ids.next();
        Set<Role> roles = request.roles().stream().map(Role::valueOf).collect(Collectors.toSet());
        return commands.send(() -> new RegisterStaffMember(settingId, staffId, request.name().strip(),
                        request.email().strip(), new EncodedPassword(passwords.encode(request.password())), roles,
                        PlatformPrincipal.of(jwt).actor()))
                .thenReturn(Created.at("/api/settings/" + settingId + "/staff/" + staffId, staffId));
    }

    @PostMapping("/api/settings/{settingId}/rooms")
    @PreAuthorize("hasRole('MANAGER')")
    Mono<ResponseEntity<Map<String, Object>>> openRoom(@PathVariable String settingId,
                                                       @Valid @RequestBody NewRoom request,
                                                       @AuthenticationPrincipal Jwt jwt) {
        String roomId = Ids.next();
        return commands.send(new OpenRoom(settingId, roomId, request.name().strip(), PlatformPrincipal.of(jwt).actor()))
                .thenReturn(Created.at("/api/settings/" + settingId + "/rooms/" + roomId, roomId));
    }

    /** How many hours before each of the setting's meetings its family is reminded (0: none). Managers only. */
    @PutMapping("/api/settings/{settingId}/meeting-reminders")
    @PreAuthorize("hasRole('MANAGER')")
    Mono<ResponseEntity<Void>> meetingReminders(@PathVariable String settingId,
                                                @Valid @RequestBody MeetingReminders request,
                                                @AuthenticationPrincipal Jwt jwt) {
        return commands.send(new SetMeetingReminders(settingId, request.hoursBefore(), PlatformPrincipal.of(jwt).actor()))
                .thenReturn(ResponseEntity.noContent().build());
    }

    record NewSetting(@NotBlank @Size(max = 120) String name,
                      @NotBlank @IanaTimeZone String timeZone,
                      @NotBlank @KnownLanguage String defaultLanguage) {
    }

    /** The roles a staff member can hold; the operator and carers are not staff. */
    enum StaffRole { KEY_PERSON, MANAGER, DSL }

    record NewStaffMember(@NotBlank @Size(max = 120) String name,
                          @NotBlank @Email @Size(max = 254) String email,
                          @NotBlank @Size(min = 8, max = 128) String password,
                          @NotEmpty Set<@NotNull @OneOf(StaffRole.class) String> roles) {
        @Override
        public String toString() {
            return "NewStaffMember[roles=" + roles + "]";
        }
    }

    record NewRoom(@NotBlank @Size(max = 80) String name) {
    }

    record MeetingReminders(@NotNull @Min(0) @Max(SetMeetingReminders.MAX_HOURS_BEFORE) Integer hoursBefore) {
    }
}
