package dev.tandem.api.family;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The retention sweep erases a family whose every child left more than the setting's years ago. Sent by the
 * platform only, never from a request: it is erased as a manager's erasure would, recorded as the platform's.
 */
public record ApplyRetention(@TargetAggregateIdentifier String familyId, int recordsYearsAfterLeaving) {
}
