package dev.tandem.notifier.dispatch;

import dev.tandem.api.common.Channel;
import dev.tandem.notifier.directory.Carer;
import dev.tandem.notifier.template.RenderedMessage;
import java.util.Optional;

/** One way of reaching a carer, through one provider's real client. */
public interface ChannelSender {

    Channel channel();

    /** Why this channel cannot reach the carer (no phone, provider not configured...), or empty if it can. */
    Optional<String> unusableBecause(Carer carer);

    /** Hands the message to the provider. Never throws for a provider's refusal: that is a result. */
    SendResult send(Carer carer, RenderedMessage message);
}
