package dev.tandem.platform.sandbox;

import dev.tandem.notifier.dispatch.SentMessages;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Everything the stand-ins received, as one list, oldest first. An SMS carries no language of its
 * own, so it is asked of the notifier by the message's SID. Blocking: keep it off the event loop.
 */
@Component
@Profile(SandboxEnvironmentPostProcessor.PROFILE)
public class Outbox {

    private final TwilioStandIn twilio;
    private final FcmStandIn fcm;
    private final MailStandIn mail;
    private final SentMessages sentMessages;

    public Outbox(TwilioStandIn twilio, FcmStandIn fcm, MailStandIn mail, SentMessages sentMessages) {
        this.twilio = twilio;
        this.fcm = fcm;
        this.mail = mail;
        this.sentMessages = sentMessages;
    }

    /**
     * @param to      only messages to this phone number, device token or email address (emails ignore case); null for all
     * @param channel only this channel (SMS, PUSH or EMAIL); null for all
     */
    public List<OutboxMessage> messages(String to, String channel) {
        List<OutboxMessage> messages = new ArrayList<>();
        if (channel == null || channel.equals(OutboxMessage.SMS)) {
            twilio.received().stream()
                    .filter(sms -> to == null || samePhone(to, sms.to()))
                    .map(sms -> new OutboxMessage(OutboxMessage.SMS, sms.to(),
                            sentMessages.languageOfProviderMessage(sms.sid()).orElse(null), null, sms.body(),
                            sms.receivedAt(), sms.sid()))
                    .forEach(messages::add);
        }
        if (channel == null || channel.equals(OutboxMessage.PUSH)) {
            fcm.received().stream()
                    .filter(push -> to == null || to.equals(push.token()))
                    .map(push -> new OutboxMessage(OutboxMessage.PUSH, push.token(),
                            Optional.ofNullable(push.language())
                                    .or(() -> sentMessages.languageOfProviderMessage(push.name())).orElse(null),
                            push.title(), push.body(), push.receivedAt(), push.name()))
                    .forEach(messages::add);
        }
        if (channel == null || channel.equals(OutboxMessage.EMAIL)) {
            mail.received().stream()
                    .filter(email -> to == null || to.equalsIgnoreCase(email.to()))
                    .map(email -> new OutboxMessage(OutboxMessage.EMAIL, email.to(),
                            Optional.ofNullable(email.language())
                                    .or(() -> sentMessages.languageOfProviderMessage(email.messageId())).orElse(null),
                            email.subject(), email.body(), email.sentAt(), email.messageId()))
                    .forEach(messages::add);
        }
        messages.sort(Comparator.comparing(OutboxMessage::sentAt, Comparator.nullsFirst(Comparator.naturalOrder())));
        return messages;
    }

    /** A "+" left unencoded in a query string arrives as a space: compare the digits. */
    private static boolean samePhone(String wanted, String actual) {
        return actual != null && (wanted.equals(actual) || digits(wanted).equals(digits(actual)));
    }

    private static String digits(String phone) {
        return phone.replaceAll("[^0-9]", "");
    }
}
