package dev.tandem.api.common;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The languages the platform has message templates for. Carers choose one; a setting has a default.
 * Held as BCP 47 tags.
 */
public enum Language {
    ENGLISH("en"), POLISH("pl"), URDU("ur");

    private final String tag;

    Language(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    public Locale locale() {
        return Locale.forLanguageTag(tag);
    }

    public static Optional<Language> fromTag(String tag) {
        if (tag == null) {
            return Optional.empty();
        }
        String language = Locale.forLanguageTag(tag).getLanguage();
        return List.of(values()).stream().filter(l -> l.tag.equals(language)).findFirst();
    }
}
