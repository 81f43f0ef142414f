package dev.tandem.support.security;

import dev.tandem.api.common.Role;
import dev.tandem.support.validation.Uuids;
import java.util.List;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Turns a verified token into who is calling, from the directory rather than from the token's claims:
 * the roles, setting and family are the platform's record of the subject now, written over whatever the
 * token claims (a token signed with the platform's key but naming a carer as ADMIN gets a carer's
 * rights), and a subject the platform no longer knows is refused with 401.
 */
final class DirectoryCheckedTokens implements Converter<Jwt, Mono<AbstractAuthenticationToken>> {


    private final SubjectDirectory directory;

    DirectoryCheckedTokens(SubjectDirectory directory) {
        this.directory = directory;
    }

    @Override
    public Mono<AbstractAuthenticationToken> convert(Jwt token) {
        // every subject the platform signs in (staff, carers, the operator) has a UUID
        if (!Uuids.isUuid(token.getSubject())) {
            return Mono.error(new InvalidBearerTokenException("The token names no subject of the platform."));
        }
        return Mono.fromCallable(() -> directory.find(token.getSubject()))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(found -> found.map(Mono::just).orElseGet(() -> Mono.error(
                        new InvalidBearerTokenException("The token's subject is not known to the platform."))))
                .map(subject -> authentication(token, subject));
    }

    private static AbstractAuthenticationToken authentication(Jwt token, SubjectDirectory.Subject subject) {
        List<String> roles = subject.roles().stream().map(Role::name).sorted().toList();
        Jwt checked = Jwt.withTokenValue(token.getTokenValue())
                .headers(headers -> headers.putAll(token.getHeaders()))
                .claims(claims -> {
                    claims.putAll(token.getClaims());
                    claims.put(PlatformPrincipal.ROLES, roles);
                    claims.remove(PlatformPrincipal.SETTING_ID);
                    claims.remove(PlatformPrincipal.FAMILY_ID);
                    if (subject.settingId() != null) {
                        claims.put(PlatformPrincipal.SETTING_ID, subject.settingId());
                    }
                    if (subject.familyId() != null) {
                        claims.put(PlatformPrincipal.FAMILY_ID, subject.familyId());
                    }
                })
                .build();
        return new JwtAuthenticationToken(checked,
                subject.roles().stream().map(role -> new SimpleGrantedAuthority(role.authority())).toList(),
                token.getSubject());
    }
}
