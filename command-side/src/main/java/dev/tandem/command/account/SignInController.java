package dev.tandem.command.account;

import dev.tandem.api.common.Role;
import dev.tandem.support.security.SubjectDirectory;
import dev.tandem.support.security.TokenIssuer;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@code POST /api/auth/login}: staff and carers sign in with their email, the operator as {@code admin}. */
@RestController
class SignInController {

    static final String ADMIN_SUBJECT_ID = SubjectDirectory.ADMIN_SUBJECT_ID;

    private final CredentialStore credentials;
    private final PasswordEncoder passwords;
    private final TokenIssuer tokens;
    private final AdminProperties admin;
    private final String adminPasswordHash;

    private final SignInThrottle throttle;

    SignInController(CredentialStore credentials, PasswordEncoder passwords, TokenIssuer tokens, AdminProperties admin,
                     SignInThrottle throttle) {
        this.credentials = credentials;
        this.throttle = throttle;
        this.passwords = passwords;
        this.tokens = tokens;
        this.admin = admin;
        this.adminPasswordHash = passwords.encode(admin.password());
    }

    @PostMapping("/api/auth/login")
    Mono<ResponseEntity<?>> signIn(@Valid @RequestBody SignIn request, ServerHttpRequest http) {
        String address = http.getRemoteAddress() == null ? "unknown"
                : http.getRemoteAddress().getAddress().getHostAddress();
        Optional<Duration> wait = throttle.waitBefore(request.username(), address);
        if (wait.isPresent()) {
            return Mono.just(throttled(wait.get()));
        }
        // Hashing is deliberately slow: keep it off the event loop.
        return Mono.fromCallable(() -> authenticate(request))
                .subscribeOn(Schedulers.boundedElastic())
                .map(signedIn -> {
                    if (signedIn.isPresent()) {
                        throttle.succeeded(request.username());
                        return ResponseEntity.ok(signedIn.get());
                    }
                    throttle.failed(request.username(), address);
                    return problem(HttpStatus.UNAUTHORIZED, "Unknown username or wrong password.");
                });
    }

    private static ResponseEntity<?> throttled(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                "Too many failed sign-ins; try again in " + seconds + " seconds.");
        detail.setType(URI.create("/problems/sign-in-throttled"));
        detail.setTitle(HttpStatus.TOO_MANY_REQUESTS.getReasonPhrase());
        detail.setProperty("code", "sign-in-throttled");
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(detail);
    }

    private static ResponseEntity<?> problem(HttpStatus status, String message) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(status, message);
        detail.setType(URI.create("/problems/" + status.name().toLowerCase(Locale.ROOT)));
        detail.setTitle(status.getReasonPhrase());
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(detail);
    }

    private Optional<SignedIn> authenticate(SignIn request) {
        if (admin.username().equalsIgnoreCase(request.username())) {
            return passwords.matches(request.password(), adminPasswordHash)
                    ? Optional.of(signedIn(ADMIN_SUBJECT_ID, Set.of(Role.ADMIN), null, null))
                    : Optional.empty();
        }
        Optional<CredentialStore.Credential> credential = credentials.findByUsername(request.username());
        // An unknown username costs the same hash comparison as a known one, so timing tells nothing.
        boolean matches = passwords.matches(request.password(),
                credential.map(CredentialStore.Credential::passwordHash).orElse(adminPasswordHash));
        return credential.filter(known -> matches)
                .map(known -> signedIn(known.subjectId(), known.roles(), known.settingId(), known.familyId()));
    }

    private SignedIn signedIn(String subjectId, Set<Role> roles, String settingId, String familyId) {
        TokenIssuer.IssuedToken token = tokens.issue(subjectId, roles, settingId, familyId);
        List<Role> ordered = roles.stream().sorted(Comparator.comparing(Role::ordinal)).toList();
        return new SignedIn(token.value(), "Bearer", token.expiresInSeconds(), ordered.get(0), ordered, subjectId,
                settingId, familyId);
    }

    record SignIn(@NotBlank @Size(max = 320) String username, @NotBlank @Size(max = 256) String password) {
        @Override
        public String toString() {
            return "SignIn[...]";
        }
    }

    record SignedIn(String accessToken, String tokenType, long expiresIn, Role role, List<Role> roles,
                    String subjectId, String settingId, String familyId) {
    }
}
