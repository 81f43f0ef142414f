package dev.tandem.notifier.testing;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.time.Duration;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * GreenMail that answers its next messages with a fault, as mail servers do: 421 to MAIL FROM
 * (unavailable), 550 to RCPT TO (rejected), or taking the message and not answering its end of data
 * for {@code hold} (no answer).
 */
public final class FaultySmtp extends GreenMail {

    public enum Fault { UNAVAILABLE, REJECTED, NO_ANSWER }

    private final Deque<Fault> faults = new ConcurrentLinkedDeque<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Duration hold;

    public FaultySmtp(Duration hold) {
        super(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        this.hold = hold;
        this.managers = new FaultyManagers();
    }

    public void fail(Fault fault, int count) {
        for (int i = 0; i < count; i++) {
            faults.add(fault);
        }
    }

    @Override
    public synchronized void stop() {
        stopped.countDown();
        super.stop();
    }

    private boolean take(Fault fault) {
        return faults.peek() == fault && faults.remove(fault);
    }

    private final class FaultyManagers extends Managers {

        private final SmtpManager smtp = new SmtpManager(getImapHostManager(), getUserManager()) {
            @Override
            public String checkSender(SmtpState state, MailAddress sender) {
                return take(Fault.UNAVAILABLE) ? "421 4.3.2 Service not available, closing transmission channel" : null;
            }

            @Override
            public String checkRecipient(SmtpState state, MailAddress recipient) {
                return take(Fault.REJECTED) ? "550 5.1.1 Requested action not taken: mailbox unavailable" : null;
            }

            @Override
            public void send(SmtpState state) {
                boolean withhold = take(Fault.NO_ANSWER);
                super.send(state);
                if (withhold) {
                    try {
                        stopped.await(hold.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };

        @Override
        public SmtpManager getSmtpManager() {
            return smtp;
        }
    }
}
