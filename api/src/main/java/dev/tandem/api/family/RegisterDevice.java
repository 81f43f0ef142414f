package dev.tandem.api.family;

import dev.tandem.api.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RegisterDevice(@TargetAggregateIdentifier String familyId, String carerId, String token,
                             DevicePlatform platform, Actor actor) {
}
