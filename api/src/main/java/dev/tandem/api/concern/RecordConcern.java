package dev.tandem.api.concern;

import dev.tandem.api.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Recorded on the child: a concern is part of the child's own record, never of the family's timeline. */
public record RecordConcern(@TargetAggregateIdentifier String childId, String concernId, ConcernCategory category,
                            String text, Actor actor) {
}
