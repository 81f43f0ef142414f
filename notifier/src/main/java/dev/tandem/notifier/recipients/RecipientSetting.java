package dev.tandem.notifier.recipients;

import dev.tandem.api.common.Language;
import java.time.ZoneId;

/**
 * A nursery: its name signs every message, its default language is the fallback for carers, and its
 * families are reminded of each meeting {@code meetingReminderHours} before it (0: not at all).
 */
public record RecipientSetting(String id, String name, ZoneId timeZone, Language defaultLanguage, int meetingReminderHours) {
}
