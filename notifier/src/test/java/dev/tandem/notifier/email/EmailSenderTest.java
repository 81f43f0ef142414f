package dev.tandem.notifier.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.tandem.api.common.Language;
import dev.tandem.notifier.dispatch.ProviderTimeouts;
import dev.tandem.notifier.dispatch.SendResult.Outcome;
import dev.tandem.notifier.dispatch.SendResult;
import dev.tandem.notifier.template.RenderedMessage;
import dev.tandem.notifier.testing.Carers;
import dev.tandem.notifier.testing.FaultySmtp.Fault;
import dev.tandem.notifier.testing.FaultySmtp;
import dev.tandem.notifier.testing.MailText;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Spring's real mail sender against GreenMail's SMTP server. */
class EmailSenderTest {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    EmailSender sender;

    @BeforeEach
    void setUp() {
        sender = new EmailSender(mailSender(greenMail.getSmtp().getPort()), "Tandem <no-reply@tandem.localhost>");
    }

    static JavaMailSenderImpl mailSender(int port) {
        JavaMailSenderImpl mail = new JavaMailSenderImpl();
        mail.setHost("127.0.0.1");
        mail.setPort(port);
        mail.setDefaultEncoding("UTF-8");
        return mail;
    }

    @Test
    void emailArrivesWithSubjectLanguageAndMessageId() throws Exception {
        SendResult result = sender.send(Carers.withEmail("anna@example.org"), Carers.message(Language.POLISH));

        assertThat(result.accepted()).isTrue();
        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertThat(received.getAllRecipients()[0].toString()).isEqualTo("anna@example.org");
        assertThat(received.getSubject()).isEqualTo("subject pl");
        assertThat(received.getContentLanguage()).containsExactly("pl");
        assertThat(MailText.plain(received).strip()).isEqualTo("email body pl");
        assertThat(MailText.html(received)).contains("<html lang=\"pl\" dir=\"ltr\">", "<p>email body pl</p>");
        assertThat(received.getFrom()[0].toString()).contains("no-reply@tandem.localhost");
        assertThat(result.providerId()).isNotBlank().isEqualTo(received.getMessageID());
    }

    @Test
    void arabicAndUrduAreMarkedRightToLeftAndTheTextIsEscaped() throws Exception {
        RenderedMessage arabic = new RenderedMessage(Language.ARABIC, "", "موضوع", "<b>مرحبا</b>\n\nسطر", "", "", Map.of());
        sender.send(Carers.withEmail("amira@example.org"), arabic);

        String html = MailText.html(greenMail.getReceivedMessages()[0]);
        assertThat(html).contains("<html lang=\"ar\" dir=\"rtl\">", "&lt;b&gt;مرحبا&lt;/b&gt;", "<p>سطر</p>")
                .doesNotContain("<b>");
        assertThat(MailText.plain(greenMail.getReceivedMessages()[0])).contains("<b>مرحبا</b>");
    }

    @Test
    void unreachableMailServerIsAFailure() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        EmailSender nowhere = new EmailSender(mailSender(closedPort), "Tandem <no-reply@tandem.localhost>");

        SendResult result = nowhere.send(Carers.withEmail("anna@example.org"), Carers.message(Language.ENGLISH));

        assertThat(result.outcome()).isEqualTo(Outcome.TRANSIENT);
        assertThat(result.reason()).isEqualTo("mail server unreachable");
    }

    @Test
    void serviceNotAvailableIsTransient() {
        withFaultyServer(Fault.UNAVAILABLE, (server, result) -> {
            assertThat(result.outcome()).isEqualTo(Outcome.TRANSIENT);
            assertThat(result.reason()).isEqualTo("mail server unavailable (SMTP 421)");
            assertThat(server.getReceivedMessages()).isEmpty();
        });
    }

    @Test
    void rejectedRecipientIsPermanent() {
        withFaultyServer(Fault.REJECTED, (server, result) -> {
            assertThat(result.outcome()).isEqualTo(Outcome.PERMANENT);
            assertThat(result.reason()).isEqualTo("mail server refused the message (SMTP 550)")
                    .doesNotContain("anna@example.org");
            assertThat(server.getReceivedMessages()).isEmpty();
        });
    }

    @Test
    void noAnswerAfterTheMessageIsUnknown() {
        withFaultyServer(Fault.NO_ANSWER, (server, result) -> {
            assertThat(result.outcome()).isEqualTo(Outcome.UNKNOWN);
            assertThat(result.reason()).isEqualTo("no answer from the mail server");
            // the server took it: sending it again on this channel could tell the carer twice
            assertThat(server.getReceivedMessages()).hasSize(1);
        });
    }

    private static void withFaultyServer(Fault fault, java.util.function.BiConsumer<FaultySmtp, SendResult> check) {
        FaultySmtp server = new FaultySmtp(Duration.ofSeconds(5));
        server.start();
        try {
            server.fail(fault, 1);
            JavaMailSenderImpl mail = mailSender(server.getSmtp().getPort());
            EmailSender faulty = new EmailSender(EmailSender.withTimeouts(mail,
                    new ProviderTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1))), "Tandem <no-reply@tandem.localhost>");

            check.accept(server, faulty.send(Carers.withEmail("anna@example.org"), Carers.message(Language.ENGLISH)));
        } finally {
            server.stop();
        }
    }

    @Test
    void carerWithoutEmailCannotBeReachedByEmail() {
        assertThat(sender.unusableBecause(Carers.withPhone("+447700900123"))).contains("no email address");
        assertThat(new EmailSender((JavaMailSenderImpl) null, "x@y").unusableBecause(Carers.withEmail("a@b.c")))
                .contains("mail server not configured");
    }
}
