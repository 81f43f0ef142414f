package dev.tandem.api.feedback;

import dev.tandem.api.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code inReplyTo} is an update or a reply of the child's family, or null. */
public record GiveFeedback(@TargetAggregateIdentifier String updateId, String childId, String text,
                           String inReplyTo, Actor actor) {
}
