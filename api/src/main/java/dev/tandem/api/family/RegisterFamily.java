package dev.tandem.api.family;

import dev.tandem.api.common.Actor;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RegisterFamily(@TargetAggregateIdentifier String familyId, String settingId, String name,
                             List<NewCarer> carers, Actor actor) {
}
