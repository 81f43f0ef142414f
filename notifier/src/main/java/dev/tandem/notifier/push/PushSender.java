package dev.tandem.notifier.push;

import com.google.firebase.messaging.BatchResponse;
import com.google.firebase.messaging.FirebaseMessaging;
import com.google.firebase.messaging.FirebaseMessagingException;
import com.google.firebase.messaging.Message;
import com.google.firebase.messaging.MessagingErrorCode;
import com.google.firebase.messaging.Notification;
import com.google.firebase.messaging.SendResponse;
import dev.tandem.api.common.Channel;
import dev.tandem.notifier.dispatch.ChannelSender;
import dev.tandem.notifier.dispatch.ProviderOutcomes;
import dev.tandem.notifier.dispatch.SendResult;
import dev.tandem.notifier.dispatch.SendResult.Outcome;
import dev.tandem.notifier.recipients.RecipientCarer;
import dev.tandem.notifier.template.RenderedMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * App notifications through Firebase Cloud Messaging, to every device the carer registered. The
 * first accepted message's name is the provider id. A device FCM reports as unregistered (the app
 * was removed) is handed back as stale so it is not tried again. With no device accepting, the
 * attempt's outcome is the most cautious of the devices' ({@link ProviderOutcomes#fcm}): unknown if any
 * may have received it, else transient if any is worth trying again, else permanent.
 */
@Component
public class PushSender extends ChannelSender {

    /** Between the device tokens of a push attempt's address: an FCM registration token never holds one. */
    private static final String TOKENS_APART = ",";

    private static final Logger log = LoggerFactory.getLogger(PushSender.class);

    private final FirebaseMessaging messaging;

    @Autowired
    public PushSender(ObjectProvider<FirebaseMessaging> messaging) {
        this(messaging.getIfAvailable());
    }

    public PushSender(FirebaseMessaging messaging) {
        super(Channel.APP, messaging == null ? Optional.of("push provider not configured") : Optional.empty(),
                "no registered device");
        this.messaging = messaging;
        if (messaging == null) {
            log.info("Firebase is not configured (platform.firebase.credentials-file): app notifications are off");
        }
    }

    /** Every device the carer registered. */
    @Override
    public String addressOf(RecipientCarer carer) {
        return String.join(TOKENS_APART, carer.deviceTokens());
    }

    @Override
    protected SendResult deliver(String address, RenderedMessage message) throws FirebaseMessagingException {
        List<String> tokens = List.of(address.split(TOKENS_APART));
        Map<String, String> data = new HashMap<>(message.data());
        data.put("language", message.language().tag());
        List<Message> messages = tokens.stream()
                .map(token -> Message.builder()
                        .setToken(token)
                        .setNotification(Notification.builder()
                                .setTitle(message.pushTitle())
                                .setBody(message.pushBody())
                                .build())
                        .putAllData(data)
                        .build())
                .toList();
        BatchResponse batch = messaging.sendEach(messages);
        SendResult result = null;
        List<String> stale = new ArrayList<>();
        Outcome failure = Outcome.PERMANENT;
        String failureReason = "push provider refused";
        for (int i = 0; i < batch.getResponses().size(); i++) {
            SendResponse response = batch.getResponses().get(i);
            if (response.isSuccessful()) {
                if (result == null) {
                    result = SendResult.accepted(response.getMessageId(), tokens.get(i));
                }
                continue;
            }
            FirebaseMessagingException error = response.getException();
            if (error != null && error.getMessagingErrorCode() == MessagingErrorCode.UNREGISTERED) {
                stale.add(tokens.get(i));
            }
            Outcome outcome = error == null ? Outcome.UNKNOWN : ProviderOutcomes.fcm(error);
            if (caution(outcome) >= caution(failure)) {
                failure = outcome;
                failureReason = reason(error);
            }
        }
        return (result != null ? result : SendResult.failed(failure, failureReason)).withStaleAddresses(stale);
    }

    @Override
    protected Optional<SendResult> classify(Exception failure) {
        return failure instanceof FirebaseMessagingException e
                ? Optional.of(SendResult.failed(ProviderOutcomes.fcm(e), reason(e)))
                : Optional.empty();
    }

    private static int caution(Outcome outcome) {
        return switch (outcome) {
            case ACCEPTED -> 0;
            case PERMANENT -> 1;
            case TRANSIENT -> 2;
            case UNKNOWN -> 3;
        };
    }

    static String reason(FirebaseMessagingException e) {
        if (e == null) {
            return "push provider refused";
        }
        MessagingErrorCode code = e.getMessagingErrorCode();
        if (code == MessagingErrorCode.UNREGISTERED) {
            return "device no longer registered (FCM UNREGISTERED)";
        }
        if (code != null) {
            return (ProviderOutcomes.fcm(e) == Outcome.TRANSIENT ? "push provider unavailable (FCM "
                    : "push provider refused (FCM ") + code + ")";
        }
        return switch (ProviderOutcomes.fcm(e)) {
            case TRANSIENT -> "push provider unavailable (" + e.getErrorCode() + ")";
            case UNKNOWN -> "no answer from the push provider (" + e.getErrorCode() + ")";
            default -> "push provider error (" + e.getErrorCode() + ")";
        };
    }
}
