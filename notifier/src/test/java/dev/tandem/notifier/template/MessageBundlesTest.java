package dev.tandem.notifier.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.ibm.icu.text.PluralRules;
import com.ibm.icu.util.ULocale;
import dev.tandem.api.common.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every language the platform writes in has a bundle of every message carers read, with every
 * placeholder of the English in it, each a pattern ICU can format; and the plurals follow CLDR.
 */
class MessageBundlesTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)");

    private final MessageBundle messages = new MessageBundle("notifier/messages");

    @ParameterizedTest
    @EnumSource(value = Language.class, mode = EnumSource.Mode.EXCLUDE, names = "ENGLISH")
    void everyKeyOfTheEnglishIsTranslatedWithItsPlaceholders(Language language) throws IOException {
        Properties english = bundle("notifier/messages.properties");
        Properties translation = bundleOf(language);

        assertThat(new TreeSet<>(translation.stringPropertyNames())).as(language.tag())
                .isEqualTo(new TreeSet<>(english.stringPropertyNames()));
        for (String key : english.stringPropertyNames()) {
            assertThat(placeholders(translation.getProperty(key))).as(language.tag() + " " + key)
                    .containsAll(placeholders(english.getProperty(key)));
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void everyMessageFormatsInItsLanguage(Language language) throws IOException {
        Properties english = bundle("notifier/messages.properties");
        Object[] args = IntStream.range(0, 8).mapToObj(i -> "arg" + i).toArray();
        for (String key : english.stringPropertyNames()) {
            if (key.startsWith("format.")) {
                continue;
            }
            Object[] forKey = key.equals("meeting.minutes") ? new Object[] {30} : args;
            assertThatCode(() -> messages.format(key, language.locale(), forKey)).as(language.tag() + " " + key)
                    .doesNotThrowAnyException();
            assertThat(messages.format(key, language.locale(), forKey)).as(language.tag() + " " + key)
                    .doesNotContain("''");
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void minutesHaveAFormForEveryPluralCategoryOfTheLanguage(Language language) throws IOException {
        String pattern = bundleOf(language).getProperty("meeting.minutes");
        Set<String> categories = PluralRules.forLocale(ULocale.forLocale(language.locale())).getKeywords();

        for (String category : categories) {
            assertThat(pattern).as(language.tag() + " plural " + category).contains(category + "{");
        }
    }

    @Test
    void polishMinutesTakeTheirFourForms() {
        assertThat(minutes(Language.POLISH, 1)).isEqualTo("1 minuta");
        assertThat(minutes(Language.POLISH, 2)).isEqualTo("2 minuty");
        assertThat(minutes(Language.POLISH, 5)).isEqualTo("5 minut");
        assertThat(minutes(Language.POLISH, 22)).isEqualTo("22 minuty");
        assertThat(minutes(Language.POLISH, 25)).isEqualTo("25 minut");
    }

    @Test
    void arabicMinutesTakeTheFormOfEachNumber() {
        // one, two, few (3-10), many (11-99) and other (100): each a form of its own
        Set<String> forms = new TreeSet<>();
        for (int count : new int[] {1, 2, 3, 11, 100}) {
            forms.add(minutes(Language.ARABIC, count).replaceAll("[0-9٠-٩]", "").strip());
        }
        assertThat(forms).hasSize(5);
        assertThat(PluralRules.forLocale(ULocale.forLanguageTag("ar")).getKeywords())
                .containsExactlyInAnyOrder("zero", "one", "two", "few", "many", "other");
    }

    @Test
    void englishMinutesAreSingularForOne() {
        assertThat(minutes(Language.ENGLISH, 1)).isEqualTo("1 minute");
        assertThat(minutes(Language.ENGLISH, 45)).isEqualTo("45 minutes");
    }

    private String minutes(Language language, int count) {
        return messages.format("meeting.minutes", language.locale(), count);
    }

    private static Set<String> placeholders(String pattern) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(pattern);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static Properties bundleOf(Language language) throws IOException {
        return bundle(language == Language.ENGLISH ? "notifier/messages.properties"
                : "notifier/messages_" + language.tag() + ".properties");
    }

    private static Properties bundle(String resource) throws IOException {
        try (InputStream in = MessageBundlesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties;
        }
    }
}
