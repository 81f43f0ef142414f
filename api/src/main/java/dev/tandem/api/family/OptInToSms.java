package dev.tandem.api.family;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The carer texted START (or another opt-in word): SMS may reach them again. */
public record OptInToSms(@TargetAggregateIdentifier String familyId, String carerId) {
}
