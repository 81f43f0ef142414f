package dev.tandem.notifier.dispatch;

import dev.tandem.api.common.Channel;
import dev.tandem.api.common.Language;
import dev.tandem.api.delivery.NotificationFailed;
import dev.tandem.api.delivery.NotificationHeldBack;
import dev.tandem.api.delivery.NotificationRetryScheduled;
import dev.tandem.api.delivery.NotificationSent;
import dev.tandem.api.delivery.NotificationSkipped;
import dev.tandem.notifier.dispatch.ChannelSender.Lookup;
import dev.tandem.notifier.dispatch.DeliveryLog.Telling;
import dev.tandem.notifier.dispatch.DeliverySchedule.Execution;
import dev.tandem.notifier.recipients.RecipientCarer;
import dev.tandem.notifier.recipients.RecipientSetting;
import dev.tandem.notifier.recipients.Recipients;
import dev.tandem.notifier.template.RenderedMessage;
import dev.tandem.notifier.template.SmsSegments;
import java.time.Clock;
import java.time.Duration;
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
 * that works. A carer restricted from the children the update reaches them through is told nothing; one
 * in their quiet hours is told when they end (unless it is urgent); nothing is sent for a withdrawn
 * update.
 *
 * <p>Each channel is tried at most once per telling (decision 0005), but a try may take several calls
 * (decision 0012): a provider that is unavailable is called again on the same channel with backoff
 * until the retry window ends, through durable scheduled executions, so the notifier's processor never
 * waits for a retry (nor for a provider's rate limit). A permanent refusal, the end of the window, or a
 * call that got no answer (it may have been sent: never risked twice) gives the channel up as FAILED
 * and the next one is tried. Each outcome is published as an event ({@link NotificationSent},
 * {@link NotificationFailed}, {@link NotificationSkipped}), a retry as {@link NotificationRetryScheduled}
 * and a notification held back as {@link NotificationHeldBack}, so staff see it waiting. Logs carry ids only.
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
        RenderedMessage render(Language language, RecipientCarer carer);
    }

    private final Recipients recipients;
    private final DeliveryLog deliveries;
    private final DeferredNotifications deferred;
    private final EventGateway events;
    private final Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);
    private final Clock clock;
    private final RetryPolicy retries;
    private final Pacing pacing;

    public Dispatcher(Recipients recipients, DeliveryLog deliveries, DeferredNotifications deferred, EventGateway events,
                      List<ChannelSender> senders, Clock clock, RetryPolicy retries, Pacing pacing) {
        this.recipients = recipients;
        this.deliveries = deliveries;
        this.deferred = deferred;
        this.events = events;
        this.clock = clock;
        this.retries = retries;
        this.pacing = pacing;
        senders.forEach(sender -> this.senders.put(sender.channel(), sender));
    }

    public void notifyFamily(Notice notice, Renderer renderer) {
        if (recipients.isWithdrawn(notice.updateId())) {
            log.info("Update {} was withdrawn; nothing more is sent for it", notice.updateId());
            return;
        }
        Optional<RecipientSetting> setting = recipients.setting(notice.settingId());
        for (RecipientCarer carer : recipients.carersOfFamily(notice.familyId())) {
            Language language = languageFor(carer, setting);
            if (recipients.isRestrictedFromAll(carer.id(), notice.childIds())) {
                skip(notice, carer.id(), language, restrictedReason(notice));
                continue;
            }
            // a redelivered event finds its attempts and settles them as before, quiet hours or not
            Optional<Instant> quietUntil = notice.urgent() || deliveries.hasAttempts(notice, carer.id())
                    ? Optional.empty() : quietUntil(carer, setting, clock.instant());
            if (quietUntil.isPresent()) {
                holdBack(notice, carer, language, renderer, quietUntil.get());
                continue;
            }
            proceed(notice, carer, language, renderer);
        }
    }

    /**
     * Sends one held-back notification now that it is due, through the same path as any other, so it
     * still goes at most once per carer and channel. The carer's restrictions, quiet hours and channels
     * are read afresh: what changed while it waited applies. Runs in the poller's transaction.
     */
    void sendDeferred(Deferred held, Instant now) {
        Notice notice = held.notice();
        Language language = held.message().language();
        if (recipients.isWithdrawn(notice.updateId())) {
            deferred.remove(held);
            skip(notice, held.carerId(), language, WITHDRAWN);
            return;
        }
        Optional<RecipientCarer> carer = recipients.carer(held.carerId());
        if (carer.isEmpty()) {
            log.warn("Held-back update {} is for unknown carer {}; dropped", notice.updateId(), held.carerId());
            deferred.remove(held);
            return;
        }
        if (recipients.isRestrictedFromAll(held.carerId(), notice.childIds())) {
            deferred.remove(held);
            skip(notice, held.carerId(), language, restrictedReason(notice));
            return;
        }
        Optional<Instant> quietUntil = quietUntil(carer.get(), recipients.setting(notice.settingId()), now);
        if (quietUntil.isPresent()) {
            // the carer moved their quiet hours while it waited: staff are told the new time
            deferred.postpone(held, quietUntil.get());
            publishHeldBack(notice, held.carerId(), language, quietUntil.get(), now);
            return;
        }
        deferred.remove(held);
        // written when it was held back, in the carer's language then
        proceed(notice, carer.get(), language, (anyLanguage, anyCarer) -> held.message());
    }

    /**
     * Carries on with one attempt whose scheduled execution came due (a retry, a paced send), or with the
     * carer's next channel after it failed late. An execution that no longer matches the row (run again
     * after a crash, or superseded) only lets the carer's channels move on from where they stand. Runs in
     * the worker's transaction.
     */
    void resume(Execution execution) {
        Optional<Attempt> found = deliveries.find(execution.notificationId());
        if (found.isEmpty()) {
            return;
        }
        Attempt attempt = found.get();
        Optional<Telling> telling = deliveries.telling(attempt);
        if (telling.isEmpty()) {
            if (attempt.waiting()) {
                record(deliveries.settle(attempt.notificationId(), DeliveryStatus.FAILED, null, null,
                        "the message was no longer kept"));
            }
            return;
        }
        Notice notice = telling.get().notice();
        RenderedMessage message = telling.get().message();
        if (attempt.waiting() && attempt.scheduleSeq() == execution.seq()) {
            Optional<String> stop = stopBeforeSending(notice, attempt.carerId());
            if (stop.isPresent()) {
                record(deliveries.settle(attempt.notificationId(), DeliveryStatus.SKIPPED, null, null, stop.get()));
                return;
            }
            Instant now = clock.instant();
            if (now.isBefore(attempt.nextAttemptAt())) {
                deliveries.waitUntil(attempt.notificationId(), attempt.nextAttemptAt(), null, attempt.slotReserved());
                return;
            }
            Optional<RecipientCarer> carer = recipients.carer(attempt.carerId());
            ChannelSender sender = senders.get(attempt.channel());
            Optional<String> unusable = carer.isEmpty() ? Optional.of("carer unknown")
                    : sender == null ? Optional.of("not available") : sender.unusableBecause(carer.get());
            if (unusable.isPresent()) {
                // the carer changed meanwhile (opted out, removed the device): on to the next channel
                record(deliveries.settle(attempt.notificationId(), DeliveryStatus.FAILED, null, null,
                        "no longer usable: " + unusable.get()));
            } else {
                Attempt outcome = attempt.slotReserved() ? call(attempt, notice, carer.get(), sender, message)
                        : paced(attempt, notice, carer.get(), sender, message);
                record(outcome);
            }
        }
        if (stopBeforeSending(notice, attempt.carerId()).isPresent()) {
            return;
        }
        recipients.carer(attempt.carerId()).ifPresent(carer ->
                proceed(notice, carer, message.language(), (anyLanguage, anyCarer) -> message));
    }

    /**
     * Settles an attempt whose call was cut off by a crash (in flight, its process gone). Where the
     * provider can be asked whether it took the message, it is retried only if it did not; where it
     * cannot, the channel is given up and the carer's next one is tried. Runs in the caller's transaction.
     */
    void reconcile(Attempt attempt) {
        Optional<Telling> telling = deliveries.telling(attempt);
        ChannelSender sender = senders.get(attempt.channel());
        Lookup lookup = telling.isEmpty() || sender == null ? Lookup.cannotAsk()
                : sender.lookUp(attempt.address(), telling.get().message(),
                        attempt.inFlightSince().minus(Duration.ofMinutes(1)));
        switch (lookup.kind()) {
            case ASKING_FAILED -> {
                log.info("Could not ask the provider about interrupted attempt {}; asking again later",
                        attempt.notificationId());
                return;
            }
            case FOUND -> {
                log.info("Interrupted attempt {} was taken by the provider ({})", attempt.notificationId(),
                        lookup.providerId());
                record(deliveries.settle(attempt.notificationId(), DeliveryStatus.SENT, lookup.providerId(),
                        attempt.address(), null));
                return;
            }
            case NOT_FOUND -> {
                log.info("Interrupted attempt {} never reached the provider; it is sent again",
                        attempt.notificationId());
                Attempt after = afterTransient(attempt, telling.get().notice(), "interrupted before the provider took it");
                record(after);
                if (after.status() == DeliveryStatus.PENDING) {
                    return;
                }
            }
            case CANNOT_ASK -> {
                log.warn("Update {} to carer {} by {} was interrupted before the provider answered; not sending it "
                        + "again on that channel", attempt.updateId(), attempt.carerId(), attempt.channel());
                record(deliveries.settle(attempt.notificationId(), DeliveryStatus.FAILED, null, null,
                        "interrupted before the provider answered"));
            }
        }
        telling.ifPresent(kept -> recipients.carer(attempt.carerId()).ifPresent(carer ->
                proceed(kept.notice(), carer, kept.message().language(), (anyLanguage, anyCarer) -> kept.message())));
    }

    /** Why nothing more may be sent for this telling to this carer (withdrawn, restricted), if anything. */
    private Optional<String> stopBeforeSending(Notice notice, String carerId) {
        if (recipients.isWithdrawn(notice.updateId())) {
            return Optional.of(WITHDRAWN);
        }
        if (recipients.isRestrictedFromAll(carerId, notice.childIds())) {
            return Optional.of(restrictedReason(notice));
        }
        return Optional.empty();
    }

    /**
     * Holds the notification back until the carer's quiet hours end and tells staff so, once: a
     * redelivered event finds it held back already and publishes nothing again.
     */
    private void holdBack(Notice notice, RecipientCarer carer, Language language, Renderer renderer, Instant until) {
        Instant now = clock.instant();
        if (!deferred.defer(notice, carer.id(), renderer.render(language, carer), until, now)) {
            return;
        }
        log.info("Update {} to carer {} held back by quiet hours until {}", notice.updateId(), carer.id(), until);
        publishHeldBack(notice, carer.id(), language, until, now);
    }

    private void publishHeldBack(Notice notice, String carerId, Language language, Instant until, Instant now) {
        events.publish(new NotificationHeldBack(notice.updateId(), notice.childId(), notice.familyId(), carerId,
                language.tag(), until, QUIET_HOURS, now, notice.kind()));
    }

    /** Drops everything still held back for a withdrawn update, each settled as SKIPPED so staff see why. */
    void dropDeferred(String updateId) {
        skipAll(deferred.removeAll(updateId), WITHDRAWN);
    }

    /**
     * Drops what is still held back for one telling of an update that no longer holds (the reminder of a
     * meeting since moved or cancelled), each settled as SKIPPED with {@code reason}. Runs in the caller's
     * transaction.
     */
    public void dropDeferred(String updateId, String occasion, String reason) {
        skipAll(deferred.removeAll(updateId, occasion), reason);
    }

    private void skipAll(List<Deferred> dropped, String reason) {
        for (Deferred held : dropped) {
            skip(held.notice(), held.carerId(), held.message().language(), reason);
        }
    }

    /** The carer's own language if we have templates for it, else the nursery's, else English. */
    static Language languageFor(RecipientCarer carer, Optional<RecipientSetting> setting) {
        return Language.fromTag(carer.preferredLanguage())
                .or(() -> setting.map(RecipientSetting::defaultLanguage))
                .orElse(Language.ENGLISH);
    }

    private static Optional<Instant> quietUntil(RecipientCarer carer, Optional<RecipientSetting> setting, Instant now) {
        ZoneId zone = setting.map(RecipientSetting::timeZone).orElse(ZoneOffset.UTC);
        return QuietTime.endOf(carer.quietHours(), zone, now);
    }

    private static String restrictedReason(Notice notice) {
        return notice.childId() == null ? RESTRICTED_FROM_ALL : RESTRICTED;
    }

    /**
     * Walks the carer's channels in their order from where they stand: a channel already told stops the
     * walk, one waiting (a retry, a paced send) or in flight stops it until that settles, one that failed
     * is passed over, and the first untried usable one is tried now.
     */
    private void proceed(Notice notice, RecipientCarer carer, Language language, Renderer renderer) {
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
            DeliveryLog.Opened opened = deliveries.openAttempt(notice, carer.id(), channel, message);
            // idle: opened by a run that stopped before calling, so nothing was sent
            Attempt attempt = opened.fresh() || opened.attempt().idle()
                    ? paced(opened.attempt(), notice, carer, sender, message) : opened.attempt();
            record(attempt);
            switch (attempt.status()) {
                case SENT, DELIVERED, PENDING -> {
                    return;
                }
                case FAILED, SKIPPED -> {
                    // on to the next channel
                }
            }
        }
        if (!tried) {
            skip(notice, carer.id(), language,
                    unusable.isEmpty() ? "no channels chosen" : "no usable channel (" + String.join("; ", unusable) + ")");
        }
    }

    private void skip(Notice notice, String carerId, Language language, String reason) {
        record(deliveries.open(notice, carerId, null, language.tag(), DeliveryStatus.SKIPPED, reason).attempt());
    }

    /** Calls the provider now if its rate limit has a slot now; otherwise leaves the attempt waiting for it. */
    private Attempt paced(Attempt attempt, Notice notice, RecipientCarer carer, ChannelSender sender, RenderedMessage message) {
        Pacing.Slot slot = pacing.reserve(sender.channel());
        if (slot.now()) {
            return call(attempt, notice, carer, sender, message);
        }
        log.debug("Attempt {} paced by the {} provider's rate limit for {}", attempt.notificationId(),
                sender.channel(), slot.delay());
        return deliveries.waitUntil(attempt.notificationId(), clock.instant().plus(slot.delay()), null, slot.reserved());
    }

    private Attempt call(Attempt attempt, Notice notice, RecipientCarer carer, ChannelSender sender, RenderedMessage message) {
        SmsSegments segments = sender.channel() == Channel.SMS ? SmsSegments.of(message.smsBody()) : null;
        Optional<Attempt> started = deliveries.startCall(attempt.notificationId(), sender.addressOf(carer),
                segments == null ? null : segments.segments(), segments == null ? null : segments.encoding(),
                retries.window(notice.urgent()));
        if (started.isEmpty()) {
            // someone else is on it (a rerun execution racing a live one): leave it to them
            return deliveries.find(attempt.notificationId()).orElse(attempt);
        }
        SendResult result;
        try {
            result = sender.send(carer, message);
        } catch (RuntimeException e) {
            // a bug or an unexpected client failure: it may have been sent, so it counts as unknown
            log.error("Sending update {} to carer {} by {} failed unexpectedly", notice.updateId(), carer.id(),
                    sender.channel(), e);
            result = SendResult.failed(SendResult.Outcome.UNKNOWN, "unexpected error: " + e.getClass().getSimpleName());
        }
        result.staleAddresses().forEach(recipients::forgetDevice);
        String id = attempt.notificationId();
        return switch (result.outcome()) {
            case ACCEPTED -> {
                log.info("Sent update {} to carer {} by {} ({}, attempt {})", notice.updateId(), carer.id(),
                        sender.channel(), result.providerId(), started.get().attempts());
                yield deliveries.settle(id, DeliveryStatus.SENT, result.providerId(), result.address(), null);
            }
            case PERMANENT -> {
                log.info("Provider refused update {} to carer {} by {}: {}", notice.updateId(), carer.id(),
                        sender.channel(), result.reason());
                yield deliveries.settle(id, DeliveryStatus.FAILED, null, null, result.reason());
            }
            case UNKNOWN -> {
                log.warn("No answer from the {} provider for update {} to carer {} ({}); not risked again on it",
                        sender.channel(), notice.updateId(), carer.id(), result.reason());
                yield deliveries.settle(id, DeliveryStatus.FAILED, null, null,
                        "no answer from the provider, so it may have been sent: " + result.reason());
            }
            case TRANSIENT -> afterTransient(started.get(), notice, result.reason());
        };
    }

    /** Schedules the next call on the same channel, or gives the channel up when the retry window has ended. */
    private Attempt afterTransient(Attempt attempt, Notice notice, String reason) {
        Instant now = clock.instant();
        Instant windowEnds = attempt.windowEndsAt() != null ? attempt.windowEndsAt()
                : now.plus(retries.window(notice.urgent()));
        Instant next = retries.nextAttempt(attempt.attempts(), now, windowEnds);
        if (next == null) {
            log.info("Update {} to carer {} by {}: provider still unavailable when the retry window ended ({} attempts)",
                    notice.updateId(), attempt.carerId(), attempt.channel(), attempt.attempts());
            return deliveries.settle(attempt.notificationId(), DeliveryStatus.FAILED, null, null,
                    "provider unavailable until the retry window ended (" + attempt.attempts() + " attempts): " + reason);
        }
        log.info("Update {} to carer {} by {}: provider unavailable ({}); attempt {} at {}", notice.updateId(),
                attempt.carerId(), attempt.channel(), reason, attempt.attempts() + 1, next);
        Attempt waiting = deliveries.waitUntil(attempt.notificationId(), next, reason, false);
        events.publish(new NotificationRetryScheduled(waiting.notificationId(), waiting.updateId(), waiting.childId(),
                waiting.familyId(), waiting.carerId(), waiting.channel(), waiting.language(), waiting.kind(),
                waiting.attempts(), next, reason, waiting.segments(), waiting.encoding(), now));
        return waiting;
    }

    /** Publishes the attempt's outcome unless it has been published already (a redelivery) or it has none yet. */
    private void record(Attempt attempt) {
        if (attempt.status() == DeliveryStatus.PENDING || !deliveries.claimRecording(attempt.notificationId())) {
            return;
        }
        Object event = switch (attempt.status()) {
            // DELIVERED: the provider's report overtook a redelivery; the send itself is what is recorded here
            case SENT, DELIVERED -> new NotificationSent(attempt.notificationId(), attempt.updateId(), attempt.childId(),
                    attempt.familyId(), attempt.carerId(), attempt.channel(), attempt.language(), attempt.address(),
                    attempt.providerId(), attempt.updatedAt(), attempt.kind(), attempt.attempts(), attempt.segments(),
                    attempt.encoding());
            case FAILED -> new NotificationFailed(attempt.notificationId(), attempt.updateId(), attempt.childId(),
                    attempt.familyId(), attempt.carerId(), attempt.channel(), attempt.language(), attempt.detail(),
                    attempt.updatedAt(), attempt.kind(), attempt.attempts(), attempt.segments(), attempt.encoding());
            case SKIPPED -> new NotificationSkipped(attempt.updateId(), attempt.childId(), attempt.familyId(),
                    attempt.carerId(), attempt.detail(), attempt.updatedAt(), attempt.kind());
            case PENDING -> throw new IllegalStateException("a pending attempt has no outcome to record");
        };
        events.publish(event);
    }
}
