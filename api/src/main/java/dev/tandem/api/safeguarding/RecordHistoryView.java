package dev.tandem.api.safeguarding;

import dev.tandem.api.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A DSL or manager is about to read a child's safeguarding history: the viewing is recorded on the child
 * first, and the history is shown only once it is stored.
 */
public record RecordHistoryView(@TargetAggregateIdentifier String childId, String viewId, String reason,
                                HistoryQuery query, Actor actor) {
}
