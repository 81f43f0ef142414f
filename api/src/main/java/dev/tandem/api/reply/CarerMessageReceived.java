package dev.tandem.api.reply;

import dev.tandem.api.common.Channel;
import dev.tandem.api.common.PersonalData;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A carer wrote to the key person of their youngest child without answering an update (an SMS with no
 * update to thread it to). Stored on the family. Before this event existed the same message was stored
 * as a {@link ParentReplied} with a null {@code updateId}; those read as this event.
 */
@Revision("1")
public record CarerMessageReceived(String replyId, String childId, String familyId, String carerId,
                                   @PersonalData String text, Channel channel, Instant receivedAt) {
}
