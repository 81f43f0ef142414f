package dev.tandem.api.meeting;

import java.time.Instant;

/** The meetings of a setting that start in {@code [from, to)}, earliest first; null bounds are open. */
public record FetchSettingMeetings(String settingId, Instant from, Instant to) {
}
