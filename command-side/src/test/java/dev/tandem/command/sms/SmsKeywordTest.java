package dev.tandem.command.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SmsKeywordTest {

    @ParameterizedTest
    @ValueSource(strings = {"STOP", "stop", " Stop ", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "quit\n"})
    void twiliosOptOutWordsAloneAreAnOptOut(String body) {
        assertThat(SmsKeyword.of(body)).contains(SmsKeyword.OPT_OUT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"START", "start", "YES", "Yes", "UNSTOP"})
    void twiliosOptInWordsAloneAreAnOptIn(String body) {
        assertThat(SmsKeyword.of(body)).contains(SmsKeyword.OPT_IN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HELP", "help", "INFO", " info"})
    void helpAndInfoAloneAskForHelp(String body) {
        assertThat(SmsKeyword.of(body)).contains(SmsKeyword.HELP);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Please stop the emails", "yes please", "STOP!", "help me with pickup", "ST OP",
            "Thanks, she loved it"})
    void aKeywordInsideALongerMessageIsAMessage(String body) {
        assertThat(SmsKeyword.of(body)).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void nothingIsNoKeyword(String body) {
        assertThat(SmsKeyword.of(body)).isEmpty();
    }
}
