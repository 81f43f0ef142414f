package dev.tandem.notifier.translation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.translation.*}: which engine translates staff free text for carers
 * ({@code PLATFORM_TRANSLATION=deepl}, or {@code none}), its credentials ({@code DEEPL_AUTH_KEY}) and
 * address (DeepL's own by default; the sandbox's stand-in on the embedded default), and how long a
 * notification may wait for it before the original goes out instead.
 */
@ConfigurationProperties("platform.translation")
public record TranslationProperties(@DefaultValue("none") String engine, @DefaultValue("PT2S") Duration deadline,
                                    Deepl deepl) {

    public record Deepl(String authKey, String serverUrl) {
    }
}
