package dev.tandem.notifier.template;

import dev.tandem.api.common.Language;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;

/**
 * Writes notifications from the translated bundles in {@code notifier/messages*.properties}.
 * The bundle is the notifier's own (not the context's {@code messageSource}), so that it cannot
 * clash with another service's messages when all run in one process.
 */
@Component
public class Templates {

    /** Long observations are cut in an SMS (the full text is in the app and the email). */
    static final int SMS_TEXT_LIMIT = 300;

    private final MessageSource messages;

    public Templates() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("notifier/messages");
        source.setDefaultEncoding("UTF-8");
        // English is the base bundle; without this a server with a Polish default locale would answer in Polish
        source.setFallbackToSystemLocale(false);
        source.setUseCodeAsDefaultMessage(false);
        this.messages = source;
    }

    /**
     * An observation as each channel tells it.
     *
     * @param nursery    the setting's name, so the carer knows who is writing
     * @param childName  the child's first name
     * @param authorName the key person (or manager) who shared it, or null if unknown
     */
    public RenderedMessage observation(Language language, String nursery, String childName, String authorName,
                                       String carerName, String text, Map<String, String> data) {
        String author = authorName == null || authorName.isBlank()
                ? message("author.unknown", language)
                : authorName;
        String smsText = text.length() <= SMS_TEXT_LIMIT ? text : text.substring(0, SMS_TEXT_LIMIT - 1) + "…";
        return new RenderedMessage(language,
                message("observation.sms", language, nursery, childName, author, smsText),
                message("observation.email.subject", language, nursery, childName, author),
                message("observation.email.body", language, nursery, childName, author, text, carerName),
                message("observation.push.title", language, nursery, childName, author),
                message("observation.push.body", language, nursery, childName, author, text),
                data);
    }

    private String message(String code, Language language, Object... args) {
        return messages.getMessage(code, args, language.locale());
    }
}
