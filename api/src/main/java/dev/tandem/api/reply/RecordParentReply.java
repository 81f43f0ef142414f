package dev.tandem.api.reply;

import dev.tandem.api.common.Channel;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A carer answered an update, in the app or by SMS. */
public record RecordParentReply(@TargetAggregateIdentifier String updateId, String replyId, String carerId,
                                String text, Channel channel) {
}
