package dev.tandem.notifier.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.api.common.Language;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmsFitTest {

    private static final String LINK = "http://localhost:8080/#updates/6c5b4a39-2817-4f6e-9d5c-4b3a29180f7e";

    @Test
    void aBodyThatFitsIsLeftAlone() {
        String body = "a".repeat(459);
        assertThat(SmsSegments.of(body).segments()).isEqualTo(3);
        assertThat(SmsFit.fit(body, 3, LINK)).isEqualTo(body);
    }

    @Test
    void aBodyOneSeptetTooLongIsCutAndEndsWithTheLink() {
        String body = "word ".repeat(91) + "abcde";
        assertThat(body).hasSize(460);

        String fitted = SmsFit.fit(body, 3, LINK);

        assertThat(SmsSegments.of(fitted)).isEqualTo(new SmsSegments(3, SmsSegments.GSM_7));
        assertThat(fitted).endsWith("... " + LINK).startsWith("word word");
        assertThat(fitted.substring(0, fitted.indexOf("..."))).doesNotEndWith(" ").endsWith("word");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "€",              // GSM-7 extension table: two septets
            "^", "{",          // the same
            "ą",              // Polish: UCS-2
            "🙂",             // a surrogate pair in UCS-2
            "م"               // Arabic
    })
    void awkwardCharactersAreCountedAndNeverSplit(String character) {
        String body = ("Zofia " + character + " ").repeat(120);

        String fitted = SmsFit.fit(body, 3, LINK);

        SmsSegments segments = SmsSegments.of(fitted);
        assertThat(segments.segments()).isLessThanOrEqualTo(3);
        assertThat(segments.encoding()).isEqualTo(SmsSegments.of(body).encoding());
        assertThat(fitted).endsWith(LINK);
        assertThat(fitted.codePoints().noneMatch(point -> Character.isSurrogate((char) point))).isTrue();
    }

    @Test
    void aUcs2BodyEndsWithItsOwnEllipsis() {
        String body = "Zofia zbudowała wieżę z klocków. ".repeat(10);

        assertThat(SmsFit.fit(body, 3, LINK)).endsWith("… " + LINK);
        assertThat(SmsFit.fit(body, 3, LINK)).hasSizeLessThanOrEqualTo(3 * 67);
    }

    @Test
    void oneSegmentIsEnoughForTheLinkAndAWord() {
        String fitted = SmsFit.fit("Acorn Nursery: " + "news ".repeat(100), 1, LINK);

        assertThat(SmsSegments.of(fitted).segments()).isEqualTo(1);
        assertThat(fitted).startsWith("Acorn").endsWith(LINK);
    }

    @Test
    void theTemplatesShortenToTheConfiguredSegments() {
        Templates templates = new Templates(2, "https://tandem.example/");
        About about = new About("Acorn Nursery", ZoneId.of("Europe/London"), "Zofia", "Jane Smith",
                Map.of("updateId", "update-1", "type", "OBSERVATION"));

        RenderedMessage message = templates.observation(Language.ENGLISH, about, "Anna",
                "She built a tower. ".repeat(20));

        assertThat(SmsSegments.of(message.smsBody()).segments()).isEqualTo(2);
        assertThat(message.smsBody()).endsWith("https://tandem.example/#updates/update-1");
        assertThat(message.emailBody()).contains("She built a tower. ".repeat(20).strip());
    }
}
