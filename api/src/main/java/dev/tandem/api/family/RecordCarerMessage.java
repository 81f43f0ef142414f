package dev.tandem.api.family;

import dev.tandem.api.common.Channel;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A carer wrote (by SMS) without answering a recent update; it becomes a message to their child's key person. */
public record RecordCarerMessage(@TargetAggregateIdentifier String familyId, String replyId, String carerId,
                                 String text, Channel channel) {
}
