package dev.tandem.api.reply;

import dev.tandem.api.common.Channel;
import dev.tandem.api.common.PersonalData;
import java.time.Instant;
import org.axonframework.serialization.Revision;

@Revision("1")
public record ParentReplied(String replyId, String updateId, String childId, String familyId, String carerId,
                            @PersonalData String text, Channel channel, Instant receivedAt) {
}
