package dev.tandem.api.family;

import dev.tandem.api.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A manager erases a family at its request (UK GDPR Article 17): its carers' and its own personal data. */
public record EraseFamily(@TargetAggregateIdentifier String familyId, String reason, Actor actor) {
}
