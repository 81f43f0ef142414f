package dev.tandem.notifier.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SMS segments and encoding, counted as Twilio counts them. */
class SmsSegmentsTest {

    @ParameterizedTest(name = "{0} GSM-7 characters: {1} segments")
    @CsvSource({"1, 1", "160, 1", "161, 2", "306, 2", "307, 3", "459, 3", "460, 4"})
    void gsm7Is160InOneSegmentAnd153InEachOfSeveral(int length, int segments) {
        assertThat(SmsSegments.of("a".repeat(length))).isEqualTo(new SmsSegments(segments, SmsSegments.GSM_7));
    }

    @Test
    void theExtensionTableCountsDouble() {
        assertThat(SmsSegments.of("€".repeat(80))).isEqualTo(new SmsSegments(1, SmsSegments.GSM_7));
        assertThat(SmsSegments.of("€".repeat(81))).isEqualTo(new SmsSegments(2, SmsSegments.GSM_7));
        assertThat(SmsSegments.of("[]{}|~^\\" + "a".repeat(144))).isEqualTo(new SmsSegments(1, SmsSegments.GSM_7));
    }

    @Test
    void anEscapedCharacterIsNeverSplitAcrossSegments() {
        // 152 septets then a two-septet euro: it moves whole to the second segment, which it then shares with 151
        assertThat(SmsSegments.of("a".repeat(152) + "€" + "a".repeat(151))).isEqualTo(new SmsSegments(2, SmsSegments.GSM_7));
        assertThat(SmsSegments.of("a".repeat(152) + "€" + "a".repeat(152))).isEqualTo(new SmsSegments(3, SmsSegments.GSM_7));
    }

    @Test
    void accentedLettersOfTheGsmAlphabetStayGsm7() {
        assertThat(SmsSegments.of("Café à Düsseldorf, Ñoño, £5 @ 10:00").encoding()).isEqualTo(SmsSegments.GSM_7);
    }

    @ParameterizedTest(name = "{0} UCS-2 units: {1} segments")
    @CsvSource({"70, 1", "71, 2", "134, 2", "135, 3"})
    void ucs2Is70InOneSegmentAnd67InEachOfSeveral(int length, int segments) {
        assertThat(SmsSegments.of("ż".repeat(length))).isEqualTo(new SmsSegments(segments, SmsSegments.UCS_2));
    }

    @Test
    void oneCharacterOutsideGsm7MakesTheWholeMessageUcs2() {
        assertThat(SmsSegments.of("a".repeat(100) + "ą")).isEqualTo(new SmsSegments(2, SmsSegments.UCS_2));
        assertThat(SmsSegments.of("مشاہدہ")).isEqualTo(new SmsSegments(1, SmsSegments.UCS_2));
    }

    @Test
    void anEmojiTakesTwoUnitsAndIsNeverSplit() {
        assertThat(SmsSegments.of("😀".repeat(35))).isEqualTo(new SmsSegments(1, SmsSegments.UCS_2));
        // 66 units then an emoji of two: it moves whole to the second segment, which it then shares with 65
        assertThat(SmsSegments.of("ż".repeat(66) + "😀" + "ż".repeat(65))).isEqualTo(new SmsSegments(2, SmsSegments.UCS_2));
        assertThat(SmsSegments.of("ż".repeat(66) + "😀" + "ż".repeat(66))).isEqualTo(new SmsSegments(3, SmsSegments.UCS_2));
    }
}
