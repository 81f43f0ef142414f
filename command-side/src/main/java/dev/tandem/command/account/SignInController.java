package dev.tandem.command.account;

import dev.tandem.api.common.Role;
import dev.tandem.support.security.TokenIssuer;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@code POST /api/auth/login}: staff and carers sign in with their email, the operator as {@code admin}. */
@RestController
class SignInController {

    static final String ADMIN_SUBJECT_ID =
            UUID.nameUUIDFromBytes("tandem-admin".getBytes(StandardCharsets.UTF_8)).toString();

    private final CredentialStore credentials;
    private final PasswordEncoder passwords;
    private final TokenIssuer tokens;
    private final AdminProperties admin;
    private final String adminPasswordHash;

    SignInController(CredentialStore credentials, PasswordEncoder passwords, TokenIssuer tokens, AdminProperties admin) {
        this.credentials = credentials;
        this.passwords = passwords;
        this.tokens = tokens;
        this.admin = admin;
        this.adminPasswordHash = passwords.encode(admin.password());
    }

    @PostMapping("/api/auth/login")
    Mono<SignedIn> signIn(@Valid @RequestBody SignIn request) {
        // Hashing is deliberately slow: keep it off the event loop.
        return Mono.fromCallable(() -> authenticate(request))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(Mono::justOrEmpty)
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED,
                        "Unknown username or wrong password.")));
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
            return "SignIn[" + username + "]";
        }
    }

    record SignedIn(String accessToken, String tokenType, long expiresIn, Role role, List<Role> roles,
                    String subjectId, String settingId, String familyId) {
    }
}
