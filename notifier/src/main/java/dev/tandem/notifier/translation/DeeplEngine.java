package dev.tandem.notifier.translation;

import com.deepl.api.DeepLException;
import com.deepl.api.TextResult;
import com.deepl.api.Translator;
import com.deepl.api.TranslatorOptions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The DeepL adapter, through DeepL's own Java SDK: every text of an update in one call, the source
 * language left for DeepL to detect. The SDK's own retries are off and its timeout is the deadline,
 * since a notification never waits longer for a translation; a failure is answered by sending the
 * original, not by trying again.
 */
public class DeeplEngine implements TranslationEngine {

    private final Translator translator;

    public DeeplEngine(String authKey, String serverUrl, Duration deadline) {
        TranslatorOptions options = new TranslatorOptions().setMaxRetries(0).setTimeout(deadline)
                .setSendPlatformInfo(false);
        if (serverUrl != null && !serverUrl.isBlank()) {
            options.setServerUrl(serverUrl);
        }
        this.translator = new Translator(authKey, options);
    }

    @Override
    public String name() {
        return "deepl";
    }

    @Override
    public Translated translate(List<String> texts, String targetLanguage) throws TranslationFailed {
        try {
            List<TextResult> results = translator.translateText(texts, null, target(targetLanguage));
            String source = results.isEmpty() ? null : results.get(0).getDetectedSourceLanguage();
            return new Translated(results.stream().map(TextResult::getText).toList(),
                    source == null ? null : Locale.forLanguageTag(source).getLanguage());
        } catch (DeepLException e) {
            throw new TranslationFailed("DeepL: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TranslationFailed("DeepL: interrupted", e);
        }
    }

    /** DeepL's target codes: English, Portuguese and Chinese name their variety. */
    static String target(String language) {
        String code = Locale.forLanguageTag(language).getLanguage();
        return switch (code) {
            case "en" -> "en-GB";
            case "pt" -> language.equalsIgnoreCase("pt-BR") ? "pt-BR" : "pt-PT";
            case "zh" -> "zh-HANS";
            default -> code;
        };
    }
}
