package dev.tandem.api.common;

import java.time.LocalTime;

/** A daily window, in the setting's time zone, in which a carer does not want to be disturbed. */
public record QuietHours(LocalTime start, LocalTime end) {
}
