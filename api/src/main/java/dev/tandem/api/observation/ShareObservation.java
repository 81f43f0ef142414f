package dev.tandem.api.observation;

import dev.tandem.api.common.Actor;
import dev.tandem.api.common.EyfsArea;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ShareObservation(@TargetAggregateIdentifier String updateId, String childId, String text,
                               Set<EyfsArea> areas, String nextSteps, Actor actor) {
}
