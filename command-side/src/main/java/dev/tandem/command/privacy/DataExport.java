package dev.tandem.command.privacy;

import dev.tandem.api.common.Channel;
import dev.tandem.api.common.QuietHours;
import dev.tandem.api.delivery.NotificationKind;
import dev.tandem.api.family.DevicePlatform;
import java.time.Instant;
import java.util.List;

/**
 * Everything the platform holds about one carer (UK GDPR Article 15), as its subject access request answers
 * it: read from the event store, oldest first, personal values opened with the carer's and the family's keys,
 * {@code "[erased]"} where those keys were shredded. Never the safeguarding record, never another carer.
 *
 * @param details what the carer stated and the family's setting recorded, as it stands now; null if the
 *                store holds no joining of this carer
 */
public record DataExport(String carerId, Instant generatedAt, Details details, List<Device> devices,
                         List<Notification> notifications, List<Reply> replies,
                         List<Acknowledgement> acknowledgements) {

    public DataExport {
        devices = List.copyOf(devices);
        notifications = List.copyOf(notifications);
        replies = List.copyOf(replies);
        acknowledgements = List.copyOf(acknowledgements);
    }

    /** {@code smsOptedOut}: the carer sent STOP and no START since. */
    public record Details(String name, String relationship, String email, String phone, String preferredLanguage,
                          List<Channel> channels, QuietHours quietHours, boolean smsOptedOut) {
    }

    public record Device(String token, DevicePlatform platform) {
    }

    /**
     * One thing that happened to a message about an update, in the order it happened: held back, a retry
     * scheduled, sent, failed, skipped, or what the provider later reported. {@code notificationId} names one
     * attempt on one channel (null for a notification held back or skipped before any channel was tried);
     * fields an event does not hold are null ({@code address} is only known once sent).
     */
    public record Notification(String notificationId, String updateId, Channel channel, NotificationKind kind,
                               Status status, String address, Instant at, Integer attempts, String detail) {
    }

    /**
     * {@code DELIVERED} and {@code UNDELIVERED} are the provider's later report on a message it had accepted
     * (a {@code SENT} report only confirms it went).
     */
    public enum Status { HELD_BACK, RETRY_SCHEDULED, SENT, FAILED, SKIPPED, DELIVERED, UNDELIVERED }

    /** {@code updateId} is null for a message the carer wrote without answering an update. */
    public record Reply(String replyId, String updateId, String text, Channel channel, Instant receivedAt) {
    }

    public record Acknowledgement(String updateId, Instant at) {
    }
}
