package dev.tandem.notifier.email;

import dev.tandem.api.common.Channel;
import dev.tandem.notifier.dispatch.ChannelSender;
import dev.tandem.notifier.dispatch.ProviderOutcomes;
import dev.tandem.notifier.dispatch.ProviderTimeouts;
import dev.tandem.notifier.dispatch.SendResult;
import dev.tandem.notifier.dispatch.SendResult.Outcome;
import dev.tandem.notifier.recipients.RecipientCarer;
import dev.tandem.notifier.template.RenderedMessage;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Email through Spring's {@link JavaMailSender} (configured by {@code spring.mail.*}); the Message-ID
 * is the provider id. Plain text with an HTML alternative that carries {@code lang} and {@code dir}
 * (Arabic and Urdu are written right to left); the language is declared in {@code Content-Language}
 * too. Carers are reached through {@link ChannelSender};
 * staff (safeguarding leads' alerts) at their sign-in address through {@link #sendTo}, checked
 * first with {@link #unusableFor}.
 */
@Component
public class EmailSender extends ChannelSender {

    private static final Logger log = LoggerFactory.getLogger(EmailSender.class);

    private final JavaMailSender mail;
    private final String from;

    @Autowired
    public EmailSender(ObjectProvider<JavaMailSender> mail,
                       @Value("${platform.mail.from:Tandem <no-reply@tandem.localhost>}") String from,
                       ProviderTimeouts timeouts) {
        this(withTimeouts(mail.getIfAvailable(), timeouts), from);
    }

    public EmailSender(JavaMailSender mail, String from) {
        super(Channel.EMAIL, mail == null ? Optional.of("mail server not configured") : Optional.empty(),
                "no email address");
        this.mail = mail;
        this.from = from;
        if (mail == null) {
            log.info("No mail server is configured (spring.mail.host): email is off");
        }
    }

    /**
     * JavaMail waits forever by default: a mail server that takes the message and never answers would
     * hold a sender thread for good. Timeouts set in {@code spring.mail.properties} are kept.
     */
    public static JavaMailSender withTimeouts(JavaMailSender mail, ProviderTimeouts timeouts) {
        if (mail instanceof JavaMailSenderImpl impl) {
            Properties properties = impl.getJavaMailProperties();
            properties.putIfAbsent("mail.smtp.connectiontimeout", String.valueOf(timeouts.connect().toMillis()));
            properties.putIfAbsent("mail.smtp.timeout", String.valueOf(timeouts.read().toMillis()));
            properties.putIfAbsent("mail.smtp.writetimeout", String.valueOf(timeouts.read().toMillis()));
        }
        return mail;
    }

    @Override
    public String addressOf(RecipientCarer carer) {
        return carer.email();
    }

    /** The message's email subject and body, to a carer's address or a staff member's sign-in address. */
    @Override
    protected SendResult deliver(String address, RenderedMessage message) throws MessagingException {
        MimeMessage mime = mail.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(mime, true, "UTF-8");
        helper.setFrom(from);
        helper.setTo(address);
        helper.setSubject(message.emailSubject());
        helper.setText(message.emailBody(), html(message));
        mime.setContentLanguage(new String[] {message.language().tag()});
        mail.send(mime);
        return SendResult.accepted(mime.getMessageID(), address);
    }

    /**
     * The same text as HTML, for the mail clients that show that part: only so that it can say its
     * language and direction ({@code <html lang="ar" dir="rtl">}). Every character of the text is
     * escaped; a blank line starts a paragraph, a line break stays one.
     */
    static String html(RenderedMessage message) {
        String language = message.language().tag();
        String direction = message.language().rightToLeft() ? "rtl" : "ltr";
        String paragraphs = Arrays.stream(message.emailBody().split("\\n\\s*\\n"))
                .map(paragraph -> "<p>" + HtmlUtils.htmlEscape(paragraph.strip(), "UTF-8").replace("\n", "<br>\n") + "</p>")
                .collect(Collectors.joining("\n"));
        return "<!DOCTYPE html>\n<html lang=\"" + language + "\" dir=\"" + direction + "\">\n<head><meta charset=\"utf-8\"><title>"
                + HtmlUtils.htmlEscape(message.emailSubject(), "UTF-8") + "</title></head>\n<body dir=\"" + direction + "\">\n"
                + paragraphs + "\n</body>\n</html>\n";
    }

    @Override
    protected Optional<SendResult> classify(Exception failure) {
        if (failure instanceof MessagingException) {
            // the message could not even be built (an address that does not parse)
            return Optional.of(SendResult.refused("email address not accepted"));
        }
        if (failure instanceof MailAuthenticationException) {
            return Optional.of(SendResult.refused("mail server rejected our credentials"));
        }
        if (failure instanceof MailException e) {
            // its message may list the recipients' addresses: only its kind and reply code are passed on
            return Optional.of(SendResult.failed(ProviderOutcomes.mail(e), reason(e)));
        }
        return Optional.empty();
    }

    private static String reason(MailException e) {
        Integer code = ProviderOutcomes.smtpReplyCode(e);
        Outcome outcome = ProviderOutcomes.mail(e);
        if (code != null) {
            return (outcome == Outcome.TRANSIENT ? "mail server unavailable (SMTP " : "mail server refused the message (SMTP ")
                    + code + ")";
        }
        return switch (outcome) {
            case TRANSIENT -> "mail server unreachable";
            case UNKNOWN -> "no answer from the mail server";
            default -> "mail server refused the message";
        };
    }
}
