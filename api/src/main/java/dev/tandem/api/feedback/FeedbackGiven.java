package dev.tandem.api.feedback;

import dev.tandem.api.common.PersonalData;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A key person (or manager) gave a family feedback about their child, perhaps answering an update or a reply. */
@Revision("1")
public record FeedbackGiven(String updateId, String childId, String familyId, String settingId, String authorId,
                            @PersonalData String text, String inReplyTo, Instant givenAt) {
}
