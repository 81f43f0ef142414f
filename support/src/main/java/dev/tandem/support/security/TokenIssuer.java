package dev.tandem.support.security;

import dev.tandem.api.common.Role;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/** Signs the bearer token handed out at sign-in. */
public class TokenIssuer {

    private final JwtEncoder encoder;
    private final TokenProperties properties;
    private final Clock clock;

    public TokenIssuer(JwtEncoder encoder, TokenProperties properties, Clock clock) {
        this.encoder = encoder;
        this.properties = properties;
        this.clock = clock;
    }

    public IssuedToken issue(String subjectId, Collection<Role> roles, String settingId, String familyId) {
        Instant now = clock.instant();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(TokenProperties.ISSUER)
                .subject(subjectId)
                .issuedAt(now)
                .expiresAt(now.plus(properties.timeToLive()))
                .claim(PlatformPrincipal.ROLES, roles.stream().map(Role::name).sorted().toList());
        if (settingId != null) {
            claims.claim(PlatformPrincipal.SETTING_ID, settingId);
        }
        if (familyId != null) {
            claims.claim(PlatformPrincipal.FAMILY_ID, familyId);
        }
        JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).build();
        String token = encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
        return new IssuedToken(token, properties.timeToLive().toSeconds());
    }

    public record IssuedToken(String value, long expiresInSeconds) {
    }
}
