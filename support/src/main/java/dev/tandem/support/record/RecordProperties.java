package dev.tandem.support.record;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The key that seals the children's safeguarding records. It must not live in the database it protects:
 * the embedded default keeps it in the data directory, every other profile refuses to start without
 * {@code PLATFORM_RECORD_SEAL_KEY}. Every service that stores events shares it.
 */
@Validated
@ConfigurationProperties("platform.record")
public record RecordProperties(
        @NotNull(message = "set PLATFORM_RECORD_SEAL_KEY (at least 32 characters)")
        @Size(min = 32, message = "PLATFORM_RECORD_SEAL_KEY must have at least 32 characters") String sealKey) {
}
