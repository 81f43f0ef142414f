package dev.tandem.notifier.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.api.common.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TemplatesTest {

    final Templates templates = new Templates();

    RenderedMessage render(Language language, String text) {
        return templates.observation(language, "Acorn Nursery", "Zofia", "Jane Smith", "Anna Kowalska", text,
                Map.of("updateId", "u-1"));
    }

    @Test
    void englishSmsNamesNurseryChildKeyPersonTextAndHowToAnswer() {
        RenderedMessage message = render(Language.ENGLISH, "Zofia built a tall tower.");

        assertThat(message.smsBody()).isEqualTo("Acorn Nursery: Jane Smith, Zofia's key person, shared an observation: "
                + "\"Zofia built a tall tower.\" Reply to this message to answer.");
        assertThat(message.emailSubject()).isEqualTo("Acorn Nursery: a new observation about Zofia");
        assertThat(message.emailBody()).startsWith("Dear Anna Kowalska,").contains("Zofia built a tall tower.");
        assertThat(message.pushTitle()).isEqualTo("Zofia: a new observation");
        assertThat(message.pushBody()).isEqualTo("Jane Smith: Zofia built a tall tower.");
    }

    @Test
    void polishSmsIsInPolish() {
        RenderedMessage message = render(Language.POLISH, "Zofia zbudowała wysoką wieżę.");

        assertThat(message.smsBody()).isEqualTo("Acorn Nursery: Jane Smith, osoba kluczowa dziecka Zofia, przesyła "
                + "obserwację: „Zofia zbudowała wysoką wieżę.” Odpowiedz na tę wiadomość, aby odpisać.");
        assertThat(message.emailSubject()).contains("nowa obserwacja");
        assertThat(message.language()).isEqualTo(Language.POLISH);
    }

    @Test
    void urduSmsIsInUrdu() {
        RenderedMessage message = render(Language.URDU, "text");

        assertThat(message.smsBody()).contains("مشاہدہ").contains("Zofia").contains("Jane Smith")
                .contains("جواب دینے کے لیے اس پیغام کا جواب دیں");
        assertThat(message.pushTitle()).isEqualTo("Zofia: نیا مشاہدہ");
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void everyLanguageFillsEveryPlaceholder(Language language) {
        RenderedMessage message = render(language, "text");

        for (String part : new String[] {message.smsBody(), message.emailSubject(), message.emailBody(),
                message.pushTitle(), message.pushBody()}) {
            assertThat(part).doesNotContain("{").doesNotContain("}");
        }
        for (String part : new String[] {message.smsBody(), message.emailSubject(), message.emailBody(),
                message.pushTitle()}) {
            assertThat(part).contains("Zofia");
        }
        assertThat(message.smsBody()).contains("Acorn Nursery").contains("Jane Smith").contains("text");
    }

    @ParameterizedTest
    @EnumSource(value = Language.class, names = {"POLISH", "URDU"})
    void everyEnglishMessageIsTranslated(Language language) throws IOException {
        Properties english = bundle("notifier/messages.properties");
        Properties translated = bundle("notifier/messages_" + language.tag() + ".properties");

        assertThat(translated.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
        english.stringPropertyNames().stream()
                .filter(key -> english.getProperty(key).replaceAll("\\{\\d}", "").chars().anyMatch(Character::isLetter))
                .forEach(key -> assertThat(translated.getProperty(key)).as(key).isNotEqualTo(english.getProperty(key)));
    }

    @Test
    void longObservationIsShortenedInTheSmsOnly() {
        String text = "a".repeat(Templates.SMS_TEXT_LIMIT + 50);

        RenderedMessage message = render(Language.ENGLISH, text);

        assertThat(message.smsBody()).doesNotContain(text).contains("a".repeat(Templates.SMS_TEXT_LIMIT - 1) + "…");
        assertThat(message.emailBody()).contains(text);
    }

    @Test
    void unknownAuthorIsTheNurseryTeam() {
        RenderedMessage message = templates.observation(Language.ENGLISH, "Acorn Nursery", "Zofia", null, "Anna",
                "text", Map.of());

        assertThat(message.smsBody()).contains("the nursery team");
    }

    private static Properties bundle(String path) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = TemplatesTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
