package dev.tandem.notifier.directory;

import dev.tandem.api.common.Language;
import java.time.ZoneId;

/** A nursery: its name signs every message, its default language is the fallback for carers. */
public record Setting(String id, String name, ZoneId timeZone, Language defaultLanguage) {
}
