package dev.tandem.command.account;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The platform operator's account. Only the embedded default gives the password a default
 * ({@code admin}); every other profile refuses to start until {@code PLATFORM_ADMIN_PASSWORD} is set.
 */
@Validated
@ConfigurationProperties("platform.admin")
public record AdminProperties(
        @NotBlank String username,
        @NotBlank(message = "set PLATFORM_ADMIN_PASSWORD: the platform does not start without an admin password")
        String password) {

    public AdminProperties {
        username = username == null || username.isBlank() ? "admin" : username;
    }
}
