package dev.tandem.api.update;

import dev.tandem.api.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record WithdrawUpdate(@TargetAggregateIdentifier String updateId, String reason, Actor actor) {
}
