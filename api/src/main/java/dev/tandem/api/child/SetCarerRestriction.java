package dev.tandem.api.child;

import dev.tandem.api.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Bar a carer from everything about a child ({@code restricted} true), or lift that bar (false). */
public record SetCarerRestriction(@TargetAggregateIdentifier String childId, String carerId, boolean restricted,
                                  String reason, Actor actor) {
}
