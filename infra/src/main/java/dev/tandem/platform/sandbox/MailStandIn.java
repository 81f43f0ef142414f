package dev.tandem.platform.sandbox;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** An SMTP server that keeps every message it is given. What it received is the email outbox. */
public final class MailStandIn {

    private final GreenMail greenMail;

    private MailStandIn(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    public static MailStandIn start(int port) {
        GreenMail greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        return new MailStandIn(greenMail);
    }

    public int port() {
        return greenMail.getSmtp().getPort();
    }

    public void stop() {
        greenMail.stop();
    }

    /** Every message received so far, oldest first. */
    public List<Received> received() {
        return greenMail.getManagers().getImapHostManager().getAllMessages().stream()
                .map(MailStandIn::received)
                .filter(Objects::nonNull)
                .sorted(Comparator.comparing(Received::sentAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
    }

    /** An email as delivered: recipient, subject, plain-text body, Content-Language, Message-ID, when received. */
    public record Received(String to, String subject, String body, String language, String messageId,
                           Instant sentAt) {
    }

    private static Received received(StoredMessage stored) {
        // the time of receipt, to the millisecond, orders email among SMS and push (a Date header has only seconds)
        MimeMessage message = stored.getMimeMessage();
        Instant receivedAt = stored.getReceivedDate() == null ? null : stored.getReceivedDate().toInstant();
        try {
            Address[] to = message.getRecipients(Message.RecipientType.TO);
            String recipient = to == null || to.length == 0 ? null
                    : to[0] instanceof InternetAddress address ? address.getAddress() : to[0].toString();
            Object content = message.getContent();
            String[] languages = message.getContentLanguage();
            return new Received(recipient, message.getSubject(), content instanceof String text ? text : null,
                    languages == null || languages.length == 0 ? null : languages[0],
                    message.getMessageID(), receivedAt);
        } catch (MessagingException | IOException e) {
            return null;
        }
    }
}
