package dev.tandem.api.common;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The languages the platform writes to carers in: English and the home languages most spoken by
 * children in English schools and nurseries (school census). A carer may prefer any real language
 * (held as the BCP 47 tag they gave); one without messages here is written to in the setting's
 * default language. Chinese is written in Simplified characters.
 */
public enum Language {
    ENGLISH("en"), POLISH("pl"), URDU("ur", true), PANJABI("pa"), BENGALI("bn"), GUJARATI("gu"),
    ARABIC("ar", true), ROMANIAN("ro"), PORTUGUESE("pt"), SOMALI("so"), SPANISH("es"), TURKISH("tr"),
    LITHUANIAN("lt"), FRENCH("fr"), ITALIAN("it"), TAMIL("ta"), CHINESE("zh");

    private final String tag;
    private final boolean rightToLeft;

    Language(String tag) {
        this(tag, false);
    }

    Language(String tag, boolean rightToLeft) {
        this.tag = tag;
        this.rightToLeft = rightToLeft;
    }

    public String tag() {
        return tag;
    }

    public Locale locale() {
        return Locale.forLanguageTag(tag);
    }

    /** Written right to left (Arabic and Urdu script): {@code dir="rtl"} in email and the web client. */
    public boolean rightToLeft() {
        return rightToLeft;
    }

    /** The language of a BCP 47 tag's language subtag ({@code pl-PL} is Polish), if the platform writes in it. */
    public static Optional<Language> fromTag(String tag) {
        if (tag == null) {
            return Optional.empty();
        }
        String language = Locale.forLanguageTag(tag).getLanguage();
        return Arrays.stream(values()).filter(known -> known.tag.equals(language)).findFirst();
    }
}
