package dev.tandem.command.family;

import dev.tandem.api.common.Actor;
import dev.tandem.api.common.Channel;
import dev.tandem.api.common.EncodedPassword;
import dev.tandem.api.common.QuietHours;
import dev.tandem.api.common.RefusedException;
import dev.tandem.api.family.ChangeCarerPreferences;
import dev.tandem.api.family.DevicePlatform;
import dev.tandem.api.family.NewCarer;
import dev.tandem.api.family.RegisterDevice;
import dev.tandem.api.family.RegisterFamily;
import dev.tandem.command.lookup.RuleLookups;
import dev.tandem.command.web.Commands;
import dev.tandem.command.web.Created;
import dev.tandem.command.web.Ids;
import dev.tandem.support.security.PlatformPrincipal;
import dev.tandem.support.validation.E164;
import dev.tandem.support.validation.KnownLanguage;
import dev.tandem.support.validation.OneOf;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
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
class FamilyController {

    /** Without a stated preference a carer is told in the app first, then by SMS, then by email. */
    private static final List<Channel> DEFAULT_CHANNELS = List.of(Channel.APP, Channel.SMS, Channel.EMAIL);

    private final Commands commands;
    private final PasswordEncoder passwords;
    private final RuleLookups lookups;

    FamilyController(Commands commands, PasswordEncoder passwords, RuleLookups lookups) {
        this.commands = commands;
        this.passwords = passwords;
        this.lookups = lookups;
    }

    @PostMapping("/api/settings/{settingId}/families")
    @PreAuthorize("hasRole('MANAGER')")
    Mono<ResponseEntity<Map<String, Object>>> register(@PathVariable String settingId,
                                                       @Valid @RequestBody NewFamily request,
                                                       @AuthenticationPrincipal Jwt jwt) {
        String familyId = Ids.next();
        List<String> carerIds = request.carers().stream().map(carer -> Ids.next()).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", familyId);
        body.put("carerIds", carerIds);
        return commands.send(() -> new RegisterFamily(familyId, settingId, request.name().strip(),
                        carers(request.carers(), carerIds), PlatformPrincipal.of(jwt).actor()))
                .thenReturn(Created.at("/api/families/" + familyId, body));
    }

    @PostMapping("/api/carers/{carerId}/devices")
    @PreAuthorize("hasRole('CARER')")
    Mono<ResponseEntity<Map<String, Object>>> registerDevice(@PathVariable String carerId,
                                                             @Valid @RequestBody NewDevice request,
                                                             @AuthenticationPrincipal Jwt jwt) {
        PlatformPrincipal principal = PlatformPrincipal.of(jwt);
        String familyId = principal.familyId().orElseThrow();
        return commands.send(new RegisterDevice(familyId, carerId, request.token(), DevicePlatform.valueOf(request.platform()), principal.actor()))
                .thenReturn(Created.at("/api/carers/" + carerId + "/devices", carerId));
    }

    /**
     * The carer themselves, or a manager of the carer's setting, states the carer's whole preference
     * (the family checks who may). The carer's family is looked up in the lookups, which is JDBC, so
     * inside the deferred command: off the event loop.
     */
    @PutMapping("/api/carers/{carerId}/preferences")
    @PreAuthorize("hasAnyRole('CARER', 'MANAGER')")
    Mono<ResponseEntity<Void>> changePreferences(@PathVariable String carerId,
                                                 @Valid @RequestBody PreferencesDetails request,
                                                 @AuthenticationPrincipal Jwt jwt) {
        Actor actor = PlatformPrincipal.of(jwt).actor();
        return commands.send(() -> {
                    String familyId = lookups.carer(carerId).map(RuleLookups.CarerEntry::familyId)
                            .orElseThrow(() -> RefusedException.notFound("unknown-carer", "There is no carer " + carerId + "."));
                    return new ChangeCarerPreferences(familyId, carerId, request.preferredLanguage(),
                            request.channels().stream().map(Channel::valueOf).toList(),
                            quietHours(request.quietHours()), actor);
                })
                .thenReturn(ResponseEntity.noContent().build());
    }

    private static QuietHours quietHours(QuietHoursDetails details) {
        return details == null ? null : new QuietHours(details.start(), details.end());
    }

    private List<NewCarer> carers(List<CarerDetails> carers, List<String> carerIds) {
        return IntStream.range(0, carers.size()).mapToObj(i -> {
            CarerDetails carer = carers.get(i);
            QuietHours quietHours = quietHours(carer.quietHours());
            return new NewCarer(carerIds.get(i), carer.name().strip(), carer.relationship(), carer.email().strip(),
                    carer.phone(), new EncodedPassword(passwords.encode(carer.password())), carer.preferredLanguage(),
                    carer.channels() == null || carer.channels().isEmpty() ? DEFAULT_CHANNELS
                            : carer.channels().stream().map(Channel::valueOf).distinct().toList(),
                    quietHours);
        }).toList();
    }

    record NewFamily(@NotBlank @Size(max = 120) String name,
                     @NotEmpty @Size(max = 6) List<@Valid @NotNull CarerDetails> carers) {
    }

    record CarerDetails(@NotBlank @Size(max = 120) String name,
                        @Size(max = 60) String relationship,
                        @NotBlank @Email @Size(max = 254) String email,
                        @E164 String phone,
                        @NotBlank @Size(min = 8, max = 128) String password,
                        @KnownLanguage String preferredLanguage,
                        @Size(max = 3) List<@NotNull @OneOf(Channel.class) String> channels,
                        @Valid QuietHoursDetails quietHours) {
        @Override
        public String toString() {
            return "CarerDetails[****]";
        }
    }

    /** Stated whole: a language, one to three channels in the order the carer prefers, quiet hours or null. */
    record PreferencesDetails(@NotNull @KnownLanguage String preferredLanguage,
                              @NotNull @Size(min = 1, max = 3) @NoRepeats
                              List<@NotNull @OneOf(Channel.class) String> channels,
                              @Valid QuietHoursDetails quietHours) {
    }

    @QuietWindow
    record QuietHoursDetails(@NotNull LocalTime start, @NotNull LocalTime end) {
    }

    record NewDevice(@NotBlank @Size(max = 4096) String token, @NotNull @OneOf(DevicePlatform.class) String platform) {
        @Override
        public String toString() {
            return "NewDevice[" + platform + "]";
        }
    }
}
