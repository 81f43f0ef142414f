package dev.tandem.support.privacy;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The secret the master key is derived from. It must not live in the database whose keys it wraps: the
 * embedded default keeps it in the data directory, every other profile refuses to start without
 * {@code PLATFORM_MASTER_KEY}. Every service that stores or reads events shares it.
 */
@Validated
@ConfigurationProperties("platform.privacy")
public record PrivacyProperties(
        @NotNull(message = "set PLATFORM_MASTER_KEY (at least 32 characters)")
        @Size(min = 32, message = "PLATFORM_MASTER_KEY must have at least 32 characters") String masterKey) {
}
