package dev.tandem.command.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmsHelpTextTest {

    private final SmsHelpText help = new SmsHelpText();

    @Test
    void helpIsAnsweredInEnglishByDefault() {
        assertThat(help.in("en")).startsWith("Tandem: messages from your child's nursery.").contains("STOP", "START");
    }

    @Test
    void helpIsAnsweredInPolishToAPolishSpeakingCarer() {
        assertThat(help.in("pl")).startsWith("Tandem: wiadomości ze żłobka").contains("STOP", "START");
    }

    @Test
    void helpIsAnsweredInUrduToAnUrduSpeakingCarer() {
        assertThat(help.in("ur")).contains("نرسری", "STOP", "START");
    }

    @Test
    void aLanguageThePlatformDoesNotSpeakFallsBackToEnglish() {
        assertThat(help.in("fr")).isEqualTo(help.in("en"));
    }

    @Test
    void anUnknownSenderIsAnsweredInEnglish() {
        assertThat(help.in(null)).isEqualTo(help.in("en"));
    }
}
