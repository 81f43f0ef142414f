package dev.tandem.api.child;

import dev.tandem.api.common.Actor;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A manager records the day a child leaves (or left) the setting; retention counts from it. */
public record RecordLeaving(@TargetAggregateIdentifier String childId, LocalDate leftOn, Actor actor) {
}
