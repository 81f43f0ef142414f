package dev.tandem.api.concern;

import dev.tandem.api.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A DSL records what they did about a concern; the concern lives on its child, so the child handles it. */
public record RecordConcernAction(@TargetAggregateIdentifier String childId, String concernId, String actionId,
                                  ConcernAction action, String note, Actor actor) {
}
