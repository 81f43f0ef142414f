package dev.tandem.api.translation;

import dev.tandem.api.common.PersonalData;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * What a carer wrote (a reply to an update, or a message answering none, {@code updateId} null),
 * machine-translated into the language their setting's staff read, once (the notifier). The original
 * stays in the reply's own event.
 */
@Revision("1")
public record ReplyTranslated(String replyId, String updateId, String childId, String familyId, String settingId,
                              String carerId, String language, String originalLanguage, @PersonalData String text,
                              String engine, Instant translatedAt) {
}
