package dev.tandem.notifier.push;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Firebase Cloud Messaging. {@code credentialsFile} is a service-account JSON; without it push is off.
 * {@code apiBaseUrl}, when set, receives every request for a {@code *.googleapis.com} host instead.
 */
@ConfigurationProperties("platform.firebase")
public record FirebaseProperties(String credentialsFile, URI apiBaseUrl) {

    public boolean configured() {
        return credentialsFile != null && !credentialsFile.isBlank();
    }
}
