package dev.tandem.api.translation;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An announcement's title and text, machine-translated into one language, once per announcement and
 * language (the notifier); like the announcement itself about no one family, so nothing in it is a
 * family's personal data.
 */
@Revision("1")
public record AnnouncementTranslated(String updateId, String settingId, String language, String originalLanguage,
                                     String title, String text, String engine, Instant translatedAt) {
}
