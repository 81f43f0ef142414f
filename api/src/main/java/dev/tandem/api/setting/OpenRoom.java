package dev.tandem.api.setting;

import dev.tandem.api.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record OpenRoom(@TargetAggregateIdentifier String settingId, String roomId, String name, Actor actor) {
}
