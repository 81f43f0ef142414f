package dev.tandem.api.family;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The carer texted STOP (or another opt-out word): send them no more SMS. */
public record OptOutOfSms(@TargetAggregateIdentifier String familyId, String carerId) {
}
