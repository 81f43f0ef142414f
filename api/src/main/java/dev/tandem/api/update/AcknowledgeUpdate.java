package dev.tandem.api.update;

import dev.tandem.api.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A carer says they have seen an update. The acting carer is the one who acknowledges. */
public record AcknowledgeUpdate(@TargetAggregateIdentifier String updateId, Actor actor) {
}
