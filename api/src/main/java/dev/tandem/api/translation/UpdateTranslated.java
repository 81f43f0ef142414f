package dev.tandem.api.translation;

import dev.tandem.api.common.PersonalData;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * What a member of staff wrote in an update about one child (an observation's text and next steps,
 * feedback's text), machine-translated into one language for the family's carers who read it. Published
 * by the notifier once per update and language, the first time a carer of that language is told, so
 * that the timeline shows the same translation and a replay never asks the engine again. The original
 * stays in the update's own event; {@code originalLanguage} is the one the engine found it in.
 */
@Revision("1")
public record UpdateTranslated(String updateId, String childId, String familyId, String settingId, String language,
                               String originalLanguage, @PersonalData String text, @PersonalData String nextSteps,
                               String engine, Instant translatedAt) {
}
