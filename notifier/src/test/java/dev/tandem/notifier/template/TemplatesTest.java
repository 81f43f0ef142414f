package dev.tandem.notifier.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.api.common.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TemplatesTest {

    /** Room enough for every SMS to be checked whole; SmsFitTest checks how a long one is shortened. */
    final Templates templates = new Templates(10, "http://localhost:8080");

    /** A nursery in Warsaw, so that times shown in its zone differ from UTC. */
    static final About ABOUT_ZOFIA = new About("Acorn Nursery", ZoneId.of("Europe/Warsaw"), "Zofia", "Jane Smith",
            Map.of("updateId", "u-1"));
    static final Instant MONDAY_10_UTC = Instant.parse("2026-12-07T10:00:00Z");

    RenderedMessage render(Language language, String text) {
        return templates.observation(language, ABOUT_ZOFIA, "Anna Kowalska", text);
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

        assertThat(message.smsBody()).doesNotContain(text).contains("a".repeat(Templates.SMS_TEXT_LIMIT - 3) + "...");
        assertThat(message.emailBody()).contains(text);
    }

    @Test
    void unknownAuthorIsTheNurseryTeam() {
        RenderedMessage message = templates.observation(Language.ENGLISH,
                new About("Acorn Nursery", ZoneId.of("Europe/London"), "Zofia", null, Map.of()), "Anna", "text");

        assertThat(message.smsBody()).contains("the nursery team");
    }

    @Test
    void meetingBookedShowsTheTimeInTheNurserysZoneAndWhere() {
        RenderedMessage message = templates.meetingBooked(Language.ENGLISH, ABOUT_ZOFIA, "Anna Kowalska",
                MONDAY_10_UTC, 30, "Room 2", "Settling in");

        assertThat(message.smsBody()).isEqualTo("Acorn Nursery: Jane Smith, Zofia's key person, has booked a meeting "
                + "with you on Monday 7 December, 11:00 (30 minutes) at Room 2. Reply to this message to answer.");
        assertThat(message.emailSubject()).isEqualTo("Acorn Nursery: a meeting about Zofia on Monday 7 December, 11:00");
        assertThat(message.emailBody()).startsWith("Dear Anna Kowalska,").contains("Where: Room 2")
                .contains("About: Settling in");
        assertThat(message.pushTitle()).isEqualTo("Zofia: a meeting on Monday 7 December, 11:00");
        assertThat(message.pushBody()).isEqualTo("Jane Smith: Monday 7 December, 11:00, Room 2. About: Settling in");
    }

    @Test
    void meetingBookedInPolishAndUrdu() {
        RenderedMessage polish = templates.meetingBooked(Language.POLISH, ABOUT_ZOFIA, "Anna", MONDAY_10_UTC, 30,
                "Sala 2", null);
        RenderedMessage urdu = templates.meetingBooked(Language.URDU, ABOUT_ZOFIA, "Imran", MONDAY_10_UTC, 30,
                "Room 2", null);

        assertThat(polish.smsBody()).isEqualTo("Acorn Nursery: umówiono spotkanie w sprawie dziecka Zofia z osobą "
                + "kluczową (Jane Smith). Termin: poniedziałek, 7 grudnia, 11:00 (30 minut), miejsce: Sala 2. "
                + "Odpowiedz na tę wiadomość, aby odpisać.");
        assertThat(polish.emailBody()).doesNotContain("Temat:");
        assertThat(urdu.smsBody()).contains("ملاقات طے کی ہے").contains("دسمبر").contains("11:00")
                .contains("Room 2").contains("Zofia").contains("Jane Smith");
    }

    @Test
    void meetingWithoutAPlaceIsAtTheNursery() {
        RenderedMessage message = templates.meetingBooked(Language.ENGLISH, ABOUT_ZOFIA, "Anna", MONDAY_10_UTC, 30,
                null, null);

        assertThat(message.smsBody()).contains("(30 minutes) at Acorn Nursery.");
        assertThat(message.pushBody()).isEqualTo("Jane Smith: Monday 7 December, 11:00, Acorn Nursery.");
    }

    @Test
    void meetingReminderGivesTheDayTimeAndPlaceInEachLanguage() {
        RenderedMessage english = templates.meetingReminder(Language.ENGLISH, ABOUT_ZOFIA, "Anna Kowalska",
                MONDAY_10_UTC, 30, "Room 2", "Settling in");
        RenderedMessage polish = templates.meetingReminder(Language.POLISH, ABOUT_ZOFIA, "Anna", MONDAY_10_UTC, 30,
                "Sala 2", null);
        RenderedMessage urdu = templates.meetingReminder(Language.URDU, ABOUT_ZOFIA, "Imran", MONDAY_10_UTC, 30,
                null, null);

        assertThat(english.smsBody()).isEqualTo("Acorn Nursery: a reminder of your meeting with Jane Smith about Zofia "
                + "on Monday 7 December, 11:00 (30 minutes) at Room 2. Reply to this message to answer.");
        assertThat(english.emailSubject()).isEqualTo("Acorn Nursery: reminder of the meeting about Zofia on Monday "
                + "7 December, 11:00");
        assertThat(english.emailBody()).startsWith("Dear Anna Kowalska,").contains("Where: Room 2")
                .contains("About: Settling in");
        assertThat(english.pushTitle()).isEqualTo("Zofia: meeting reminder, Monday 7 December, 11:00");
        assertThat(polish.smsBody()).isEqualTo("Acorn Nursery: przypomnienie o spotkaniu w sprawie dziecka Zofia z "
                + "osobą kluczową (Jane Smith). Termin: poniedziałek, 7 grudnia, 11:00 (30 minut), miejsce: Sala 2. "
                + "Odpowiedz na tę wiadomość, aby odpisać.");
        assertThat(urdu.smsBody()).contains("یاد دہانی").contains("دسمبر").contains("11:00")
                .contains("Acorn Nursery").contains("Zofia").contains("Jane Smith");
    }

    @Test
    void meetingRescheduledGivesTheNewTimeAndTheOld() {
        Instant tuesday = Instant.parse("2026-12-08T13:30:00Z");

        RenderedMessage english = templates.meetingRescheduled(Language.ENGLISH, ABOUT_ZOFIA, "Anna", tuesday, 45,
                MONDAY_10_UTC);
        RenderedMessage polish = templates.meetingRescheduled(Language.POLISH, ABOUT_ZOFIA, "Anna", tuesday, 45,
                MONDAY_10_UTC);
        RenderedMessage urdu = templates.meetingRescheduled(Language.URDU, ABOUT_ZOFIA, "Anna", tuesday, 45,
                MONDAY_10_UTC);

        assertThat(english.smsBody()).isEqualTo("Acorn Nursery: your meeting with Jane Smith about Zofia has moved. "
                + "New time: Tuesday 8 December, 14:30 (45 minutes); it was Monday 7 December, 11:00. "
                + "Reply to this message to answer.");
        assertThat(polish.smsBody()).contains("Nowy termin: wtorek, 8 grudnia, 14:30 (45 minut)")
                .contains("poprzednio: poniedziałek, 7 grudnia, 11:00");
        assertThat(urdu.smsBody()).contains("نیا وقت").contains("14:30").contains("11:00");
    }

    @Test
    void meetingCancelledGivesTheReason() {
        RenderedMessage english = templates.meetingCancelled(Language.ENGLISH, ABOUT_ZOFIA, "Anna", MONDAY_10_UTC,
                "Jane is unwell");
        RenderedMessage polish = templates.meetingCancelled(Language.POLISH, ABOUT_ZOFIA, "Anna", MONDAY_10_UTC,
                "choroba");
        RenderedMessage urdu = templates.meetingCancelled(Language.URDU, ABOUT_ZOFIA, "Anna", MONDAY_10_UTC, null);

        assertThat(english.smsBody()).isEqualTo("Acorn Nursery: your meeting with Jane Smith about Zofia on Monday "
                + "7 December, 11:00 is cancelled. Reason: Jane is unwell. Reply to this message to answer.");
        assertThat(english.pushTitle()).isEqualTo("Zofia: meeting cancelled");
        assertThat(polish.smsBody()).contains("zostało odwołane. Powód: choroba.");
        assertThat(urdu.smsBody()).contains("منسوخ").contains("کوئی وجہ نہیں بتائی گئی");
    }

    @Test
    void feedbackQuotesTheKeyPerson() {
        RenderedMessage english = templates.feedback(Language.ENGLISH, ABOUT_ZOFIA, "Anna", "Lovely painting!");
        RenderedMessage polish = templates.feedback(Language.POLISH, ABOUT_ZOFIA, "Anna", "Piękny obraz!");
        RenderedMessage urdu = templates.feedback(Language.URDU, ABOUT_ZOFIA, "Anna", "text");

        assertThat(english.smsBody()).isEqualTo("Acorn Nursery: Jane Smith, Zofia's key person, has feedback for you: "
                + "\"Lovely painting!\" Reply to this message to answer.");
        assertThat(english.pushTitle()).isEqualTo("Zofia: feedback from Jane Smith");
        assertThat(polish.smsBody()).contains("przesyła informację zwrotną: „Piękny obraz!”");
        assertThat(urdu.emailSubject()).isEqualTo("Acorn Nursery: Zofia کے بارے میں رائے");
    }

    @Test
    void announcementHasTitleTextAndTheEventsDate() {
        About nursery = new About("Acorn Nursery", ZoneId.of("Europe/London"), "", "Mary Jones", Map.of());

        RenderedMessage english = templates.announcement(Language.ENGLISH, nursery, "Anna", "Nativity play",
                "Costumes by Friday.", LocalDate.of(2026, 12, 18));
        RenderedMessage polish = templates.announcement(Language.POLISH, nursery, "Anna", "Jasełka",
                "Stroje do piątku.", LocalDate.of(2026, 12, 18));
        RenderedMessage urdu = templates.announcement(Language.URDU, nursery, "Anna", "Play", "Costumes.",
                LocalDate.of(2026, 12, 18));

        assertThat(english.smsBody()).isEqualTo("Acorn Nursery: Nativity play – Costumes by Friday. "
                + "Date: Friday 18 December 2026.");
        assertThat(english.emailSubject()).isEqualTo("Acorn Nursery: Nativity play");
        assertThat(english.emailBody()).contains("Mary Jones at Acorn Nursery has an announcement for you:");
        assertThat(english.pushTitle()).isEqualTo("Acorn Nursery: Nativity play");
        assertThat(polish.smsBody()).isEqualTo("Acorn Nursery: Jasełka – Stroje do piątku. "
                + "Data: piątek, 18 grudnia 2026.");
        assertThat(urdu.smsBody()).contains("تاریخ:").contains("دسمبر").contains("2026");
    }

    @Test
    void announcementWithoutADateSaysNothingOfOne() {
        About nursery = new About("Acorn Nursery", ZoneId.of("Europe/London"), "", null, Map.of());

        RenderedMessage message = templates.announcement(Language.ENGLISH, nursery, "Anna", "Closed", "Snow.", null);

        assertThat(message.smsBody()).isEqualTo("Acorn Nursery: Closed – Snow.");
        assertThat(message.pushBody()).isEqualTo("Snow.");
        assertThat(message.emailBody()).contains("Snow.\n\nSign in").doesNotContain("\n\n\n");
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void everyKindOfUpdateFillsEveryPlaceholderInEveryLanguage(Language language) {
        List<RenderedMessage> messages = List.of(
                templates.observation(language, ABOUT_ZOFIA, "Anna", "text"),
                templates.meetingBooked(language, ABOUT_ZOFIA, "Anna", MONDAY_10_UTC, 30, "Room 2", "Settling in"),
                templates.meetingReminder(language, ABOUT_ZOFIA, "Anna", MONDAY_10_UTC, 30, "Room 2", "Settling in"),
                templates.meetingRescheduled(language, ABOUT_ZOFIA, "Anna", MONDAY_10_UTC, 30, MONDAY_10_UTC),
                templates.meetingCancelled(language, ABOUT_ZOFIA, "Anna", MONDAY_10_UTC, "unwell"),
                templates.feedback(language, ABOUT_ZOFIA, "Anna", "text"),
                templates.announcement(language, ABOUT_ZOFIA, "Anna", "Title", "text", LocalDate.of(2026, 12, 18)));

        for (RenderedMessage message : messages) {
            assertThat(message.language()).isEqualTo(language);
            for (String part : new String[] {message.smsBody(), message.emailSubject(), message.emailBody(),
                    message.pushTitle(), message.pushBody()}) {
                assertThat(part).isNotBlank().doesNotContain("{").doesNotContain("}").doesNotContain("null");
            }
            assertThat(message.smsBody()).contains("Acorn Nursery");
        }
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
