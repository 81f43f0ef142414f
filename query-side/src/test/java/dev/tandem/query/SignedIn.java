package dev.tandem.query;

import dev.tandem.api.common.Role;
import dev.tandem.support.security.PlatformPrincipal;
import dev.tandem.support.web.PlatformProblemHandler;
import java.util.List;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.reactive.result.method.annotation.AuthenticationPrincipalArgumentResolver;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A client for one controller, as someone whose token has already been verified: a carer of the
 * family {@code scopeId}, or staff of the setting {@code scopeId} (null: neither, as the admin's token
 * is). Failures answer as problem+json.
 */
public final class SignedIn {

    private SignedIn() {
    }

    public static WebTestClient client(Object controller, String subjectId, Role role, String scopeId) {
        return client(controller, subjectId, List.of(role), scopeId);
    }

    /** As a staff member who holds several roles (a manager who is also the DSL, say). */
    public static WebTestClient client(Object controller, String subjectId, List<Role> roles, String scopeId) {
        Jwt.Builder token = Jwt.withTokenValue("token").header("alg", "none").subject(subjectId)
                .claim(PlatformPrincipal.ROLES, roles.stream().map(Role::name).toList());
        if (scopeId != null) {
            token.claim(roles.contains(Role.CARER) ? PlatformPrincipal.FAMILY_ID : PlatformPrincipal.SETTING_ID, scopeId);
        }
        Jwt jwt = token.build();
        return WebTestClient.bindToController(controller)
                .controllerAdvice(new PlatformProblemHandler())
                .argumentResolvers(resolvers -> resolvers.addCustomResolver(
                        new AuthenticationPrincipalArgumentResolver(ReactiveAdapterRegistry.getSharedInstance())))
                .webFilter((exchange, chain) -> chain.filter(exchange)
                        .contextWrite(ReactiveSecurityContextHolder.withAuthentication(new JwtAuthenticationToken(jwt))))
                .build();
    }
}
