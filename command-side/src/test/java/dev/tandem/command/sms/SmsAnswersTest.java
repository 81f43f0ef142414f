package dev.tandem.command.sms;

import static dev.tandem.command.sms.SmsAnswers.Answer.HELP;
import static dev.tandem.command.sms.SmsAnswers.Answer.STARTED;
import static dev.tandem.command.sms.SmsAnswers.Answer.STOPPED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.api.common.Language;
import dev.tandem.command.sms.SmsAnswers.Answer;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SmsAnswersTest {

    private final SmsAnswers answers = new SmsAnswers();

    private String in(Answer answer, String carerLanguage) {
        return answers.in(answer, Optional.ofNullable(carerLanguage), Optional.empty());
    }

    @Test
    void helpIsAnsweredInEnglishByDefault() {
        assertThat(in(HELP, "en")).startsWith("Tandem: messages from your child's nursery.").contains("STOP", "START");
    }

    @Test
    void helpIsAnsweredInPolishToAPolishSpeakingCarer() {
        assertThat(in(HELP, "pl")).startsWith("Tandem: wiadomości ze żłobka").contains("STOP", "START");
    }

    @Test
    void helpIsAnsweredInUrduToAnUrduSpeakingCarer() {
        assertThat(in(HELP, "ur")).contains("نرسری", "STOP", "START");
    }

    @Test
    void everyAnswerExistsInEveryLanguageAndNamesTheKeywordsInEnglish() {
        for (Language language : Language.values()) {
            assertThat(in(HELP, language.tag())).as(language.tag()).contains("STOP", "START");
            assertThat(in(STOPPED, language.tag())).as(language.tag()).contains("START");
            assertThat(in(STARTED, language.tag())).as(language.tag()).contains("STOP");
            if (language != Language.ENGLISH) {
                assertThat(in(HELP, language.tag())).as(language.tag()).isNotEqualTo(in(HELP, "en"));
                assertThat(in(STOPPED, language.tag())).as(language.tag()).isNotEqualTo(in(STOPPED, "en"));
            }
            assertThat(in(HELP, language.tag())).as("no apostrophe left doubled").doesNotContain("''");
        }
    }

    @Test
    void aLanguageWithoutMessagesIsAnsweredInTheSettingsDefault() {
        assertThat(answers.in(HELP, Optional.of("de"), Optional.of("pl"))).isEqualTo(in(HELP, "pl"));
    }

    @Test
    void withNeitherTheAnswerIsEnglish() {
        assertThat(answers.in(STOPPED, Optional.of("de"), Optional.of("xx"))).isEqualTo(in(STOPPED, "en"));
        assertThat(in(HELP, null)).isEqualTo(in(HELP, "en"));
    }
}
