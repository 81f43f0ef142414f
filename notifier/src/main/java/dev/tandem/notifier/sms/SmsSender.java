package dev.tandem.notifier.sms;

import com.twilio.base.Page;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import dev.tandem.api.common.Channel;
import dev.tandem.notifier.dispatch.ChannelSender;
import dev.tandem.notifier.dispatch.ProviderOutcomes;
import dev.tandem.notifier.dispatch.SendResult;
import dev.tandem.notifier.dispatch.SendResult.Outcome;
import dev.tandem.notifier.recipients.RecipientCarer;
import dev.tandem.notifier.template.RenderedMessage;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * SMS through Twilio's Programmable Messaging; the message SID is the provider id. Failures are
 * classified by {@link ProviderOutcomes#twilio}; after a crash, Twilio's message list says whether it
 * took a message ({@link #lookUp}).
 */
@Component
public class SmsSender extends ChannelSender {

    static final int OPTED_OUT = 21610;

    private static final Logger log = LoggerFactory.getLogger(SmsSender.class);

    private final TwilioRestClient client;
    private final TwilioProperties properties;
    private final URI statusCallback;

    @Autowired
    public SmsSender(ObjectProvider<TwilioRestClient> client, TwilioProperties properties,
                     @Value("${platform.public-url:http://localhost:8080}") String publicUrl) {
        this(client.getIfAvailable(), properties, publicUrl);
    }

    public SmsSender(TwilioRestClient client, TwilioProperties properties, String publicUrl) {
        super(Channel.SMS, client == null || !hasFromNumber(properties) ? Optional.of("SMS provider not configured")
                : Optional.empty(), "no phone number");
        this.client = client;
        this.properties = properties;
        this.statusCallback = URI.create(publicUrl.replaceAll("/+$", "") + "/webhooks/twilio/status");
        if (client == null) {
            log.info("Twilio is not configured (platform.twilio.account-sid, platform.twilio.auth-token): SMS is off");
        } else if (!hasFromNumber(properties)) {
            log.warn("platform.twilio.from-number is not set: SMS is off");
        }
    }

    @Override
    public String addressOf(RecipientCarer carer) {
        return carer.phone();
    }

    @Override
    protected Optional<String> declines(RecipientCarer carer) {
        return carer.smsOptedOut() ? Optional.of("opted out of SMS") : Optional.empty();
    }

    @Override
    protected SendResult deliver(String address, RenderedMessage message) {
        Message sent = Message.creator(new PhoneNumber(address), new PhoneNumber(properties.fromNumber()),
                        message.smsBody())
                .setStatusCallback(statusCallback)
                .create(client);
        return SendResult.accepted(sent.getSid(), address);
    }

    @Override
    protected Optional<SendResult> classify(Exception failure) {
        if (failure instanceof ApiException e) {
            return Optional.of(SendResult.failed(ProviderOutcomes.twilio(e), reason(e)));
        }
        if (failure instanceof TwilioException) {
            // "unable to connect to server": no connection, nothing sent
            return Optional.of(SendResult.failed(Outcome.TRANSIENT, "SMS provider unreachable"));
        }
        return Optional.empty();
    }

    /**
     * Twilio's message list, by recipient and date sent: a message to this number with this body
     * created since {@code since} is the one a crash cut off.
     */
    @Override
    public Lookup lookUp(String address, RenderedMessage message, Instant since) {
        if (client == null || address == null) {
            return Lookup.cannotAsk();
        }
        try {
            Page<Message> page = Message.reader()
                    .setTo(new PhoneNumber(address))
                    .setDateSentAfter(since.atZone(ZoneOffset.UTC))
                    .setPageSize(100L)
                    .firstPage(client);
            return page.getRecords().stream()
                    .filter(sent -> Objects.equals(sent.getBody(), message.smsBody()))
                    .filter(sent -> sent.getDateCreated() == null || !sent.getDateCreated().toInstant().isBefore(since))
                    .map(sent -> Lookup.found(sent.getSid()))
                    .findFirst()
                    .orElse(Lookup.notFound());
        } catch (TwilioException e) {
            log.info("Twilio's message list could not be read: {}", e.getClass().getSimpleName());
            return Lookup.askingFailed();
        }
    }

    /** Short and free of personal data: Twilio's own messages may quote the phone number. */
    static String reason(ApiException e) {
        Integer code = e.getCode();
        Integer status = e.getStatusCode();
        if (code != null && code == OPTED_OUT) {
            return "recipient opted out of SMS (Twilio " + OPTED_OUT + ")";
        }
        if (status != null && ProviderOutcomes.httpStatus(status) == Outcome.TRANSIENT) {
            return "SMS provider unavailable (" + (code == null ? "" : "Twilio " + code + ", ") + "HTTP " + status + ")";
        }
        if (code != null) {
            return "SMS provider refused (Twilio " + code + (status == null ? "" : ", HTTP " + status) + ")";
        }
        if (status != null) {
            return "SMS provider error (HTTP " + status + ")";
        }
        Outcome outcome = ProviderOutcomes.twilio(e);
        if (outcome == Outcome.TRANSIENT) {
            return "SMS provider unreachable";
        }
        // the SDK wraps I/O failures; an answer it cannot read may have been an acceptance
        return e.getCause() instanceof java.io.IOException ? "no answer from the SMS provider" : "SMS provider error";
    }

    private static boolean hasFromNumber(TwilioProperties properties) {
        return properties.fromNumber() != null && !properties.fromNumber().isBlank();
    }
}
