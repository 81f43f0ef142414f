package dev.tandem.support.security;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How bearer tokens are signed. Every service of the platform shares the secret, so a token issued
 * by the command side is honoured by the query side. There is no default: outside the embedded
 * default the platform refuses to start without {@code PLATFORM_JWT_SECRET}.
 */
@Validated
@ConfigurationProperties("platform.jwt")
public record TokenProperties(
        @NotNull(message = "set PLATFORM_JWT_SECRET (at least 32 characters)")
        @Size(min = 32, message = "PLATFORM_JWT_SECRET must have at least 32 characters") String secret,
        Duration timeToLive) {

    public static final String ISSUER = "tandem";

    public TokenProperties {
        timeToLive = timeToLive == null ? Duration.ofHours(8) : timeToLive;
    }
}
