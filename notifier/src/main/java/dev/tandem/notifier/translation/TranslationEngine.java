package dev.tandem.notifier.translation;

import java.util.List;

/**
 * The port to a machine translation engine: what {@link Translations} asks, whatever answers. One
 * adapter is real ({@link DeeplEngine}); with none configured nothing is translated.
 */
public interface TranslationEngine {

    /** How the engine is named in the events that record its translations. */
    String name();

    /**
     * The texts, in order, in the language of this BCP 47 tag, and the language the engine found them
     * in. Throws {@link TranslationFailed} for anything that gives no translation (a refusal, a limit, an
     * engine that is down).
     */
    Translated translate(List<String> texts, String targetLanguage) throws TranslationFailed;

    /** The translations, and the source language as a BCP 47 tag ({@code en}). */
    record Translated(List<String> texts, String sourceLanguage) {
    }

    /** The engine gave no translation; the reason is the engine's, without the text. */
    class TranslationFailed extends Exception {
        public TranslationFailed(String reason, Throwable cause) {
            super(reason, cause);
        }
    }
}
