package dev.tandem.platform.sandbox;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.tandem.platform.sandbox.SandboxFaults.Kind;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An SMTP server (GreenMail) that records every message it is given in the outbox before it answers.
 * {@link SandboxFaults} make it answer 421 to MAIL FROM (unavailable), 550 to RCPT TO (rejected), or take
 * the message and hold back its reply to the end of data past the client's timeout (no answer).
 */
public final class MailStandIn {

    private final GreenMail greenMail;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private MailStandIn(int port, OutboxStore outbox, SandboxFaults faults, Duration noAnswerFor) {
        this.greenMail = new FaultyGreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new RecordingManagers(outbox, faults, noAnswerFor));
    }

    public static MailStandIn start(int port, OutboxStore outbox, SandboxFaults faults, Duration noAnswerFor) {
        MailStandIn standIn = new MailStandIn(port, outbox, faults, noAnswerFor);
        standIn.greenMail.start();
        return standIn;
    }

    public int port() {
        return greenMail.getSmtp().getPort();
    }

    public void stop() {
        stopped.countDown();
        greenMail.stop();
    }

    /** GreenMail with managers of ours: the SMTP manager is where a server decides how to answer. */
    private static final class FaultyGreenMail extends GreenMail {

        FaultyGreenMail(ServerSetup setup, Managers managers) {
            super(setup);
            this.managers = managers;
        }
    }

    private final class RecordingManagers extends Managers {

        private final SmtpManager smtp;

        RecordingManagers(OutboxStore outbox, SandboxFaults faults, Duration noAnswerFor) {
            smtp = new SmtpManager(getImapHostManager(), getUserManager()) {
                @Override
                public String checkSender(SmtpState state, MailAddress sender) {
                    return take(faults, Kind.UNAVAILABLE)
                            ? "421 4.3.2 Service not available, closing transmission channel" : null;
                }

                @Override
                public String checkRecipient(SmtpState state, MailAddress recipient) {
                    return take(faults, Kind.REJECTED)
                            ? "550 5.1.1 Requested action not taken: mailbox unavailable" : null;
                }

                @Override
                public void send(SmtpState state) {
                    boolean withhold = take(faults, Kind.NO_ANSWER);
                    record(outbox, state.getMessage().getMessage());
                    super.send(state);
                    if (withhold) {
                        try {
                            stopped.await(noAnswerFor.toMillis(), TimeUnit.MILLISECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
            };
        }

        @Override
        public SmtpManager getSmtpManager() {
            return smtp;
        }
    }

    /** Takes the channel's next fault if it is of this kind (a fault of another kind waits for its own step). */
    private static boolean take(SandboxFaults faults, Kind kind) {
        return faults.takeIf(OutboxMessage.EMAIL, kind);
    }

    private static void record(OutboxStore outbox, MimeMessage message) {
        try {
            Address[] to = message.getRecipients(Message.RecipientType.TO);
            String recipient = to == null || to.length == 0 ? null
                    : to[0] instanceof InternetAddress address ? address.getAddress() : to[0].toString();
            String[] languages = message.getContentLanguage();
            String text = plainText(message);
            outbox.record(new OutboxMessage(OutboxMessage.EMAIL, recipient,
                    languages == null || languages.length == 0 ? null : languages[0], message.getSubject(),
                    text == null ? null : text.strip(), Instant.now(), message.getMessageID()));
        } catch (MessagingException | IOException e) {
            // a message the mail client would not send: nothing to show
        }
    }

    /** The plain text a reader sees: the message itself, or its text/plain part beside the HTML one. */
    private static String plainText(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String text = plainText(multipart.getBodyPart(i));
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }
}
