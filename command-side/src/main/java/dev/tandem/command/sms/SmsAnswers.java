package dev.tandem.command.sms;

import dev.tandem.api.common.Language;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * What the platform answers to HELP, STOP and START, in the carer's language, from
 * {@code sms/messages*.properties} (MessageFormat: a literal apostrophe is written twice). A carer whose
 * language the platform has no messages in is answered in their setting's default language; a number
 * no carer has, in English.
 */
final class SmsAnswers {

    enum Answer {
        HELP("help"), STOPPED("stopped"), STARTED("started");

        private final String key;

        Answer(String key) {
            this.key = key;
        }
    }

    private final MessageSource messages;

    SmsAnswers() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("sms/messages");
        source.setDefaultEncoding("UTF-8");
        source.setAlwaysUseMessageFormat(true);
        // English is the base bundle; without this a server with another default locale would answer in its language
        source.setFallbackToSystemLocale(false);
        this.messages = source;
    }

    /** The answer in the first of these BCP 47 languages the platform writes in, else English. */
    String in(Answer answer, Optional<String> carerLanguage, Optional<String> settingLanguage) {
        Language language = carerLanguage.flatMap(Language::fromTag)
                .or(() -> settingLanguage.flatMap(Language::fromTag))
                .orElse(Language.ENGLISH);
        return messages.getMessage(answer.key, null, language.locale());
    }
}
