package dev.tandem.command.sms;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The words Twilio treats as commands rather than messages when they make up the whole SMS (case and
 * surrounding spaces aside): its default opt-out, opt-in and help keywords. A word inside a longer
 * message ("please stop the emails") is a message, as it is for Twilio.
 */
enum SmsKeyword {
    OPT_OUT(Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT")),
    OPT_IN(Set.of("START", "YES", "UNSTOP")),
    HELP(Set.of("HELP", "INFO"));

    private final Set<String> words;

    SmsKeyword(Set<String> words) {
        this.words = words;
    }

    static Optional<SmsKeyword> of(String body) {
        if (body == null) {
            return Optional.empty();
        }
        String word = body.strip().toUpperCase(Locale.ROOT);
        for (SmsKeyword keyword : values()) {
            if (keyword.words.contains(word)) {
                return Optional.of(keyword);
            }
        }
        return Optional.empty();
    }
}
