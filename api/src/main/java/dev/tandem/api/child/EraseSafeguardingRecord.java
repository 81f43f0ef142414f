package dev.tandem.api.child;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The retention sweep ends a child's safeguarding record: the child has reached the setting's safeguarding age. */
public record EraseSafeguardingRecord(@TargetAggregateIdentifier String childId, int untilAge) {
}
