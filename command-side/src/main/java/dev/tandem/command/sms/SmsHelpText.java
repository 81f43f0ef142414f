package dev.tandem.command.sms;

import dev.tandem.api.common.Language;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;

/** What the platform answers to HELP, in the carer's language, from {@code sms/messages*.properties}. */
final class SmsHelpText {

    private final MessageSource messages;

    SmsHelpText() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("sms/messages");
        source.setDefaultEncoding("UTF-8");
        // English is the base bundle; without this a server with another default locale would answer in its language
        source.setFallbackToSystemLocale(false);
        this.messages = source;
    }

    /** The help text in the language with this BCP 47 tag; English for an unknown or missing one. */
    String in(String languageTag) {
        Language language = Language.fromTag(languageTag).orElse(Language.ENGLISH);
        return messages.getMessage("help", null, language.locale());
    }
}
