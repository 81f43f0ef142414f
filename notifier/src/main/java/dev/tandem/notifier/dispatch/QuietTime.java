package dev.tandem.notifier.dispatch;

import dev.tandem.api.common.QuietHours;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/** Whether an instant falls in a carer's quiet hours, read in the setting's time zone, and when they end. */
final class QuietTime {

    private QuietTime() {
    }

    /**
     * When the quiet hours that {@code now} falls in end, or empty if it falls in none. A window whose
     * start is after its end crosses midnight (21:00–07:00); one whose start equals its end is no window.
     */
    static Optional<Instant> endOf(QuietHours quietHours, ZoneId zone, Instant now) {
        if (quietHours == null || quietHours.start() == null || quietHours.end() == null
                || quietHours.start().equals(quietHours.end())) {
            return Optional.empty();
        }
        ZonedDateTime local = now.atZone(zone);
        LocalTime time = local.toLocalTime();
        LocalTime start = quietHours.start();
        LocalTime end = quietHours.end();
        if (start.isBefore(end)) {
            return !time.isBefore(start) && time.isBefore(end) ? Optional.of(at(local, end, 0)) : Optional.empty();
        }
        if (!time.isBefore(start)) {
            return Optional.of(at(local, end, 1));
        }
        return time.isBefore(end) ? Optional.of(at(local, end, 0)) : Optional.empty();
    }

    /** {@code end} on the same local day plus {@code days}; a time skipped by a clock change moves later, as ZonedDateTime does. */
    private static Instant at(ZonedDateTime local, LocalTime end, int days) {
        return ZonedDateTime.of(local.toLocalDate().plusDays(days), end, local.getZone()).toInstant();
    }
}
