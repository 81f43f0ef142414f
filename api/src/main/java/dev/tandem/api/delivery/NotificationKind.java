package dev.tandem.api.delivery;

/**
 * Which telling of an update a notification is: the update shared (a meeting booked), a meeting moved,
 * a meeting cancelled, or a reminder of a booked meeting. Events stored before kinds existed carry none;
 * read them as {@link #SHARED}.
 */
public enum NotificationKind {
    SHARED, RESCHEDULED, CANCELLED, REMINDER;

    /** The kind an event names, {@link #SHARED} for an event stored before kinds existed. */
    public static NotificationKind orShared(NotificationKind kind) {
        return kind == null ? SHARED : kind;
    }
}
