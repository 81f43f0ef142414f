package dev.tandem.notifier.template;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.ULocale;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * One family of {@code .properties} files (UTF-8, one per language, English the base) whose values are
 * ICU MessageFormat patterns: numbered arguments, plurals by the CLDR rules of the language
 * ({@code {0,plural,one{# minute} other{# minutes}}}; Polish has four forms, Arabic six), a literal
 * apostrophe written twice. A language without a file, or a key missing from one, reads the English;
 * the machine's own default locale never takes part.
 */
final class MessageBundle {

    private static final ResourceBundle.Control NO_SYSTEM_LOCALE =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final String basename;

    MessageBundle(String basename) {
        this.basename = basename;
    }

    String format(String key, Locale locale, Object... args) {
        String pattern = ResourceBundle.getBundle(basename, locale, NO_SYSTEM_LOCALE).getString(key);
        // a MessageFormat is not safe for two threads at once, and cheap next to what it is for
        return new MessageFormat(pattern, ULocale.forLocale(locale)).format(args);
    }
}
