package dev.tandem.notifier.dispatch;

import dev.tandem.api.common.Channel;
import dev.tandem.api.common.Language;
import dev.tandem.api.delivery.NotificationFailed;
import dev.tandem.api.delivery.NotificationHeldBack;
import dev.tandem.api.delivery.NotificationSent;
import dev.tandem.api.delivery.NotificationSkipped;
import dev.tandem.notifier.directory.Carer;
import dev.tandem.notifier.directory.Directory;
import dev.tandem.notifier.directory.Setting;
import dev.tandem.notifier.template.RenderedMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells every carer of a family about an update: in their language, on the first of their channels
 * that can reach them, falling back to the next when a provider fails. A carer restricted from the
 * children the update reaches them through is told nothing; one in their quiet hours is told when
 * they end (unless it is urgent); nothing is sent for a withdrawn update. Each outcome is published
 * as an event ({@link NotificationSent}, {@link NotificationFailed}, {@link NotificationSkipped}), and
 * a notification held back as {@link NotificationHeldBack} so staff see it waiting.
 * Logs carry ids only.
 */
@Component
public class Dispatcher {

    static final String RESTRICTED = "restricted from this child";
    static final String RESTRICTED_FROM_ALL = "restricted from every child it was sent for";
    static final String WITHDRAWN = "withdrawn";
    static final String QUIET_HOURS = "quiet hours";

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    /** Renders an update for one carer in one language. */
    @FunctionalInterface
    public interface Renderer {
        RenderedMessage render(Language language, Carer carer);
    }

    private final Directory directory;
    private final DeliveryLog deliveries;
    private final DeferredNotifications deferred;
    private final EventGateway events;
    private final Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);
    private final Clock clock;

    public Dispatcher(Directory directory, DeliveryLog deliveries, DeferredNotifications deferred, EventGateway events,
                      List<ChannelSender> senders, Clock clock) {
        this.directory = directory;
        this.deliveries = deliveries;
        this.deferred = deferred;
        this.events = events;
        this.clock = clock;
        senders.forEach(sender -> this.senders.put(sender.channel(), sender));
    }

    public void notifyFamily(Update update, Renderer renderer) {
        if (directory.isWithdrawn(update.updateId())) {
            log.info("Update {} was withdrawn; nothing more is sent for it", update.updateId());
            return;
        }
        Optional<Setting> setting = directory.setting(update.settingId());
        for (Carer carer : directory.carersOfFamily(update.familyId())) {
            Language language = languageFor(carer, setting);
            if (directory.isRestrictedFromAll(carer.id(), update.childIds())) {
                skip(update, carer.id(), language, restrictedReason(update));
                continue;
            }
            // a redelivered event finds its attempts and settles them as before, quiet hours or not
            Optional<Instant> quietUntil = update.urgent() || deliveries.hasAttempts(update, carer.id())
                    ? Optional.empty() : quietUntil(carer, setting, clock.instant());
            if (quietUntil.isPresent()) {
                holdBack(update, carer, language, renderer, quietUntil.get());
                continue;
            }
            notifyCarer(update, carer, language, renderer);
        }
    }

    /**
     * Sends one held-back notification now that it is due, through the same path as any other, so it
     * still goes at most once per carer and channel. The carer's restrictions, quiet hours and channels
     * are read afresh: what changed while it waited applies. Runs in the poller's transaction.
     */
    void sendDeferred(Deferred held, Instant now) {
        Update update = held.update();
        Language language = held.message().language();
        if (directory.isWithdrawn(update.updateId())) {
            deferred.remove(held);
            skip(update, held.carerId(), language, WITHDRAWN);
            return;
        }
        Optional<Carer> carer = directory.carer(held.carerId());
        if (carer.isEmpty()) {
            log.warn("Held-back update {} is for unknown carer {}; dropped", update.updateId(), held.carerId());
            deferred.remove(held);
            return;
        }
        if (directory.isRestrictedFromAll(held.carerId(), update.childIds())) {
            deferred.remove(held);
            skip(update, held.carerId(), language, restrictedReason(update));
            return;
        }
        Optional<Instant> quietUntil = quietUntil(carer.get(), directory.setting(update.settingId()), now);
        if (quietUntil.isPresent()) {
            // the carer moved their quiet hours while it waited: staff are told the new time
            deferred.postpone(held, quietUntil.get());
            publishHeldBack(update, held.carerId(), language, quietUntil.get(), now);
            return;
        }
        deferred.remove(held);
        // written when it was held back, in the carer's language then
        notifyCarer(update, carer.get(), language, (anyLanguage, anyCarer) -> held.message());
    }

    /**
     * Holds the notification back until the carer's quiet hours end and tells staff so, once: a
     * redelivered event finds it held back already and publishes nothing again.
     */
    private void holdBack(Update update, Carer carer, Language language, Renderer renderer, Instant until) {
        Instant now = clock.instant();
        if (!deferred.defer(update, carer.id(), renderer.render(language, carer), until, now)) {
            return;
        }
        log.info("Update {} to carer {} held back by quiet hours until {}", update.updateId(), carer.id(), until);
        publishHeldBack(update, carer.id(), language, until, now);
    }

    private void publishHeldBack(Update update, String carerId, Language language, Instant until, Instant now) {
        events.publish(new NotificationHeldBack(update.updateId(), update.childId(), update.familyId(), carerId,
                language.tag(), until, QUIET_HOURS, now));
    }

    /** Drops everything still held back for a withdrawn update, each settled as SKIPPED so staff see why. */
    void dropDeferred(String updateId) {
        for (Deferred held : deferred.removeAll(updateId)) {
            skip(held.update(), held.carerId(), held.message().language(), WITHDRAWN);
        }
    }

    /** The carer's own language if we have templates for it, else the nursery's, else English. */
    static Language languageFor(Carer carer, Optional<Setting> setting) {
        return Language.fromTag(carer.preferredLanguage())
                .or(() -> setting.map(Setting::defaultLanguage))
                .orElse(Language.ENGLISH);
    }

    private static Optional<Instant> quietUntil(Carer carer, Optional<Setting> setting, Instant now) {
        ZoneId zone = setting.map(Setting::timeZone).orElse(ZoneOffset.UTC);
        return QuietTime.endOf(carer.quietHours(), zone, now);
    }

    private static String restrictedReason(Update update) {
        return update.childId() == null ? RESTRICTED_FROM_ALL : RESTRICTED;
    }

    private void notifyCarer(Update update, Carer carer, Language language, Renderer renderer) {
        RenderedMessage message = null;
        List<String> unusable = new ArrayList<>();
        boolean tried = false;
        for (Channel channel : carer.channels()) {
            ChannelSender sender = senders.get(channel);
            Optional<String> unusableBecause = sender == null
                    ? Optional.of("not available") : sender.unusableBecause(carer);
            if (unusableBecause.isPresent()) {
                unusable.add(channel.name() + ": " + unusableBecause.get());
                continue;
            }
            tried = true;
            if (message == null) {
                message = renderer.render(language, carer);
            }
            Attempt attempt = attempt(update, carer, sender, language, message);
            record(attempt);
            if (attempt.status() == DeliveryStatus.SENT || attempt.status() == DeliveryStatus.DELIVERED) {
                return;
            }
        }
        if (!tried) {
            skip(update, carer.id(), language,
                    unusable.isEmpty() ? "no channels chosen" : "no usable channel (" + String.join("; ", unusable) + ")");
        }
    }

    private void skip(Update update, String carerId, Language language, String reason) {
        record(deliveries.open(update, carerId, null, language.tag(), DeliveryStatus.SKIPPED, reason).attempt());
    }

    private Attempt attempt(Update update, Carer carer, ChannelSender sender, Language language,
                            RenderedMessage message) {
        DeliveryLog.Opened opened = deliveries.open(update, carer.id(), sender.channel(), language.tag(),
                DeliveryStatus.PENDING, null);
        Attempt attempt = opened.attempt();
        if (!opened.fresh()) {
            if (attempt.status() != DeliveryStatus.PENDING) {
                return attempt;
            }
            // An earlier delivery of this event stopped between opening the attempt and hearing from the
            // provider: the message may or may not have gone. Never send it twice on the same channel.
            log.warn("Update {} to carer {} by {} was interrupted earlier; not sending it again",
                    update.updateId(), carer.id(), sender.channel());
            return deliveries.settle(attempt.notificationId(), DeliveryStatus.FAILED, null, null,
                    "interrupted before the provider answered");
        }
        SendResult result;
        try {
            result = sender.send(carer, message);
        } catch (RuntimeException e) {
            // a bug or an unexpected client failure must not leave the attempt pending forever
            log.error("Sending update {} to carer {} by {} failed unexpectedly", update.updateId(), carer.id(),
                    sender.channel(), e);
            result = SendResult.refused("unexpected error: " + e.getClass().getSimpleName());
        }
        result.staleAddresses().forEach(directory::forgetDevice);
        if (result.accepted()) {
            log.info("Sent update {} to carer {} by {} ({})", update.updateId(), carer.id(), sender.channel(),
                    result.providerId());
            return deliveries.settle(attempt.notificationId(), DeliveryStatus.SENT, result.providerId(),
                    result.address(), null);
        }
        log.info("Provider refused update {} to carer {} by {}: {}", update.updateId(), carer.id(),
                sender.channel(), result.reason());
        return deliveries.settle(attempt.notificationId(), DeliveryStatus.FAILED, null, null, result.reason());
    }

    /** Publishes the attempt's outcome unless it has been published already (a redelivery). */
    private void record(Attempt attempt) {
        if (!deliveries.claimRecording(attempt.notificationId())) {
            return;
        }
        Object event = switch (attempt.status()) {
            // DELIVERED: the provider's report overtook a redelivery; the send itself is what is recorded here
            case SENT, DELIVERED -> new NotificationSent(attempt.notificationId(), attempt.updateId(), attempt.childId(),
                    attempt.familyId(), attempt.carerId(), attempt.channel(), attempt.language(), attempt.address(),
                    attempt.providerId(), attempt.updatedAt());
            case FAILED -> new NotificationFailed(attempt.notificationId(), attempt.updateId(), attempt.childId(),
                    attempt.familyId(), attempt.carerId(), attempt.channel(), attempt.language(), attempt.detail(),
                    attempt.updatedAt());
            case SKIPPED -> new NotificationSkipped(attempt.updateId(), attempt.childId(), attempt.familyId(),
                    attempt.carerId(), attempt.detail(), attempt.updatedAt());
            case PENDING -> throw new IllegalStateException("a pending attempt has no outcome to record");
        };
        events.publish(event);
    }
}
